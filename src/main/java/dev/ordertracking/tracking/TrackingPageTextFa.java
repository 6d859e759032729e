package dev.ordertracking.tracking;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

@Localized("fa")
public interface TrackingPageTextFa extends TrackingPageText {

    @Override @Message("سفارش شما") String title();
    @Override @Message("سلام {name} عزیز،") String hello(String name);
    @Override @Message("سفارش {orderId}") String order(String orderId);
    @Override @Message("ثبت شد") String stepPlaced();
    @Override @Message("تأیید شد") String stepConfirmed();
    @Override @Message("ارسال شد") String stepShipped();
    @Override @Message("در راه تحویل") String stepOut();
    @Override @Message("تحویل شد") String stepDelivered();
    @Override @Message("این سفارش لغو شده است.") String cancelled();
    @Override @Message("تحویل‌شده در {date}") String deliveredOn(String date);
    @Override @Message("تحویل تا") String promised();
    @Override @Message("برآورد کنونی") String estimate();
    @Override @Message("سفارش شما دیر شده است") String lateTitle();
    @Override @Message("قول داده بودیم تا {date} برسد و هنوز نرسیده است.") String lateText(String date);
    @Override @Message("دیرکرد از") String lateSince();
    @Override @Message("تاریخ تحویلی که اکنون انتظار داریم") String expected();
    @Override @Message("هنوز تاریخ تازه‌ای نداریم: به‌محض دانستن، همین‌جا و با پیام به شما می‌گوییم.") String expectedUnknown();
    @Override @Message("رویدادهای قدیمی‌تر") String timelineOlder();
    @Override @Message("تازه‌ترین رویدادها") String timelineNewest();
    @Override @Message("پوزش می‌خواهیم") String sorryTitle();
    @Override @Message("سفارش شما با تأخیر می‌رسد: {what}.") String sorryWhat(String what);
    @Override @Message("تاریخ تازهٔ تحویل") String newDate();
    @Override @Message("کد تخفیف شما") String coupon();
    @Override @Message("{value} تخفیف برای خرید بعدی، معتبر تا {until}") String couponLine(String value, String until);
    @Override @Message("مرسوله‌ها") String parcels();
    @Override @Message("کد رهگیری") String trackingNumber();
    @Override @Message("در سایت شرکت حمل") String carrierLink();
    @Override @Message("آنچه تاکنون گذشته") String timeline();
    @Override @Message("پرسش‌ها") String faq();
    @Override @Message("مرسوله‌ام دیر کرده است") String faqLateQ();
    @Override @Message("ما همهٔ مرسوله‌ها را دنبال می‌کنیم. اگر دیرتر از وعده برسد، تاریخ تازه را همین‌جا و با پیام به شما می‌گوییم و جبران می‌کنیم.") String faqLateA();
    @Override @Message("مرسوله‌ام آسیب دیده است") String faqDamagedQ();
    @Override @Message("مرسوله و بسته‌بندی آن را نگه دارید، عکس بگیرید و به یکی از پیام‌های ما پاسخ دهید: کالای جایگزین می‌فرستیم یا مبلغ را بازمی‌گردانیم.") String faqDamagedA();
    @Override @Message("کالای اشتباه به دستم رسیده است") String faqWrongQ();
    @Override @Message("با شمارهٔ سفارش به یکی از پیام‌های ما پاسخ دهید: کالای درست را می‌فرستیم و کالای اشتباه را رایگان پس می‌گیریم.") String faqWrongA();
    @Override @Message("زبان") String language();
    @Override @Message("صفحه پیدا نشد") String notFound();
    @Override @Message("این پیوند به سفارشی نمی‌رسد. لطفاً از پیوند آخرین پیام ما استفاده کنید.") String notFoundText();
    @Override @Message("پیوند منقضی شده است") String linkExpired();
    @Override @Message("این پیوند منقضی شده است. لطفاً صفحهٔ پیگیری سفارش را دوباره باز کنید و از پیوند تنظیمات پیام‌ها استفاده کنید.") String linkExpiredText();
    @Override @Message("در راه") String statusInTransit();
    @Override @Message("متوقف شده") String statusException();
    @Override @Message("تحویل ناموفق") String statusAttemptFailed();
    @Override @Message("آمادهٔ تحویل در باجه") String statusPickup();
    @Override @Message("بازگشت به فرستنده") String statusReturned();
    @Override @Message("لغو شد") String statusCancelled();
    @Override @Message("نظرتان چیست؟") String feedbackTitle();
    @Override @Message("به سفارش‌تان از ۱ (بد) تا ۵ (بسیار خوب) امتیاز دهید") String feedbackAsk();
    @Override @Message("{n} از ۵") String stars(int n);
    @Override @Message("حرفی با ما دارید؟ (اختیاری)") String feedbackComment();
    @Override @Message("ارسال") String feedbackSend();
    @Override @Message("سپاسگزاریم! به این سفارش {n} از ۵ امتیاز دادید.") String feedbackThanks(int n);
    @Override @Message("تنظیمات پیام‌ها") String prefsLink();
    @Override @Message("دربارهٔ سفارش‌هایتان چه پیام‌هایی می‌خواهید؟") String prefsTitle();
    @Override @Message("پیامک") String prefsSms();
    @Override @Message("ایمیل") String prefsEmail();
    @Override @Message("ذخیره") String prefsSave();
    @Override @Message("ذخیره شد.") String prefsSaved();
}
