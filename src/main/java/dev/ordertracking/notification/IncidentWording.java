package dev.ordertracking.notification;

import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.ULocale;
import dev.ordertracking.journey.IncidentReason;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What happened, in plain words, for each incident reason and language: a clause the apology
 * templates put into a sentence ("we're sorry: {whatHappened}"). Kept short, because it goes into
 * SMS too; Persian ones shortest, as Persian SMS are UCS-2.
 */
public final class IncidentWording {

    private static final Map<IncidentReason, String> EN = new EnumMap<>(IncidentReason.class);
    private static final Map<IncidentReason, String> PT = new EnumMap<>(IncidentReason.class);
    private static final Map<IncidentReason, String> FA = new EnumMap<>(IncidentReason.class);

    static {
        words(IncidentReason.WEATHER, "severe weather is holding up the carrier",
                "o mau tempo está atrasando a transportadora", "هوای نامساعد ارسال را کند کرده است");
        words(IncidentReason.CARRIER_DELAY, "the carrier is running behind",
                "a transportadora está com atrasos", "شرکت حمل با تأخیر روبه‌رو شده است");
        words(IncidentReason.CUSTOMS, "your parcel is held at customs",
                "seu pacote está retido na alfândega", "مرسوله در گمرک مانده است");
        words(IncidentReason.ADDRESS_ISSUE, "the carrier could not find the address",
                "a transportadora não encontrou o endereço", "مأمور ارسال نشانی را پیدا نکرد");
        words(IncidentReason.RECIPIENT_UNAVAILABLE, "nobody was home to receive it",
                "não havia ninguém para receber", "کسی برای تحویل گرفتن در خانه نبود");
        words(IncidentReason.LOST, "the carrier has lost your parcel",
                "a transportadora perdeu seu pacote", "شرکت حمل مرسوله را گم کرده است");
        words(IncidentReason.DAMAGED, "your parcel was damaged",
                "seu pacote foi danificado", "مرسوله آسیب دیده است");
        words(IncidentReason.OTHER, "the carrier has run into a problem",
                "a transportadora teve um problema", "شرکت حمل به مشکل خورده است");
        words(IncidentReason.ESTIMATE_PAST_PROMISE, "the carrier now expects to deliver later than we promised",
                "a transportadora agora prevê entregar depois do prometido", "شرکت حمل دیرتر از وعدهٔ ما می‌رساند");
        words(IncidentReason.FORECAST_PAST_PROMISE, "parcels to your area are taking longer than usual",
                "as entregas para a sua região estão demorando mais que o normal",
                "ارسال به منطقهٔ شما بیش از معمول طول می‌کشد");
        words(IncidentReason.PROMISE_BROKEN, "your order did not arrive by the date we promised",
                "seu pedido não chegou na data prometida", "سفارش تا روز وعده‌داده نرسید");
        words(IncidentReason.NOT_SHIPPED, "we have not been able to send your order out yet",
                "ainda não conseguimos enviar seu pedido", "هنوز نتوانسته‌ایم سفارش را بفرستیم");
        words(IncidentReason.STALLED, "we have had no news from the carrier for a while",
                "estamos sem notícias da transportadora há algum tempo", "مدتی است از شرکت حمل خبری نداریم");
        words(IncidentReason.DELIVERED_LATE, "your order arrived later than we promised",
                "seu pedido chegou depois do prometido", "سفارش دیرتر از وعده رسید");
        words(IncidentReason.WRONG_ITEM, "we sent you the wrong item",
                "enviamos o item errado", "کالای اشتباه برایتان فرستادیم");
        words(IncidentReason.MISSING_ITEM, "an item was missing from your parcel",
                "faltou um item no seu pacote", "یک کالا در مرسوله نبود");
    }

    private IncidentWording() {
    }

    private static void words(IncidentReason reason, String en, String pt, String fa) {
        EN.put(reason, en);
        PT.put(reason, pt);
        FA.put(reason, fa);
    }

    public static String whatHappened(IncidentReason reason, Locale locale) {
        Locale resolved = LocalizedText.resolve(locale.toLanguageTag(), "en");
        Map<IncidentReason, String> words = resolved.equals(LocalizedText.FA) ? FA
                : resolved.equals(LocalizedText.PT_BR) ? PT : EN;
        return words.get(reason);
    }

    /** "15%", "۱۵٪", "€5.00", "R$ 20,00": what a coupon is worth, as the customer writes it. */
    public static String couponValue(String kind, BigDecimal value, String currency, Locale locale) {
        Locale resolved = LocalizedText.resolve(locale.toLanguageTag(), "en");
        ULocale icu = resolved.equals(LocalizedText.FA) ? new ULocale("fa_IR")
                : resolved.equals(LocalizedText.PT_BR) ? new ULocale("pt_BR") : new ULocale("en_US");
        String formatted;
        if ("PERCENT".equals(kind)) {
            NumberFormat percent = NumberFormat.getPercentInstance(icu);
            percent.setMaximumFractionDigits(2);
            formatted = percent.format(value.movePointLeft(2));
        } else {
            NumberFormat money = NumberFormat.getCurrencyInstance(icu);
            money.setCurrency(Currency.getInstance(currency));
            formatted = money.format(value);
        }
        // Bidi marks and no-break spaces would turn a GSM-7 SMS into UCS-2.
        return formatted.replace('\u00A0', ' ').replace('\u202F', ' ').replaceAll("[\u200E\u200F\u061C]", "");
    }
}
