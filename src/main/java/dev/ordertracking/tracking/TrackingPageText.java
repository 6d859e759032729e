package dev.ordertracking.tracking;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The words of the customer's tracking page, in English; {@link TrackingPageTextFa} and {@link TrackingPageTextPtBr} translate them. */
@MessageBundle(value = "tp", locale = "en")
public interface TrackingPageText {

    @Message("Your order")
    String title();

    @Message("Hi {name},")
    String hello(String name);

    @Message("Order {orderId}")
    String order(String orderId);

    @Message("Placed")
    String stepPlaced();

    @Message("Confirmed")
    String stepConfirmed();

    @Message("Shipped")
    String stepShipped();

    @Message("Out for delivery")
    String stepOut();

    @Message("Delivered")
    String stepDelivered();

    @Message("This order was cancelled.")
    String cancelled();

    @Message("Delivered on {date}")
    String deliveredOn(String date);

    @Message("Promised by")
    String promised();

    @Message("Current estimate")
    String estimate();

    @Message("Your order is late")
    String lateTitle();

    @Message("We promised it by {date} and it has not arrived yet.")
    String lateText(String date);

    @Message("Late since")
    String lateSince();

    @Message("We now expect it on")
    String expected();

    @Message("We do not have a new date yet: we will tell you here and by message as soon as we do.")
    String expectedUnknown();

    @Message("Expected")
    String forecast();

    @Message("From how long recent parcels to your area took.")
    String forecastNote();

    @Message("We now expect it by, at the latest")
    String newDateExpected();

    @Message("Older entries")
    String timelineOlder();

    @Message("Newest entries")
    String timelineNewest();

    @Message("We are sorry")
    String sorryTitle();

    @Message("Your order is late: {what}.")
    String sorryWhat(String what);

    @Message("New delivery date")
    String newDate();

    @Message("Your coupon")
    String coupon();

    @Message("{value} off your next order, valid until {until}")
    String couponLine(String value, String until);

    @Message("Parcels")
    String parcels();

    @Message("Tracking number")
    String trackingNumber();

    @Message("On the carrier's site")
    String carrierLink();

    @Message("What happened so far")
    String timeline();

    @Message("Questions")
    String faq();

    @Message("My parcel is late")
    String faqLateQ();

    @Message("We watch every parcel. If it will arrive later than promised, we tell you the new date here and by message, and we make it up to you.")
    String faqLateA();

    @Message("My parcel is damaged")
    String faqDamagedQ();

    @Message("Keep the parcel and its packaging, take a photo, and reply to any of our messages: we send a replacement or refund you.")
    String faqDamagedA();

    @Message("I received the wrong item")
    String faqWrongQ();

    @Message("Reply to any of our messages with your order number: we send the right item and collect the wrong one at no cost.")
    String faqWrongA();

    @Message("Language")
    String language();

    @Message("Page not found")
    String notFound();

    @Message("This link does not lead to an order. Please use the link from your most recent message.")
    String notFoundText();

    @Message("Link expired")
    String linkExpired();

    @Message("This link has expired. Please open your tracking page again and follow its link to your message settings.")
    String linkExpiredText();

    @Message("In transit")
    String statusInTransit();

    @Message("Held up")
    String statusException();

    @Message("Delivery attempt failed")
    String statusAttemptFailed();

    @Message("Waiting at a pickup point")
    String statusPickup();

    @Message("Returned to sender")
    String statusReturned();

    @Message("Cancelled")
    String statusCancelled();

    @Message("How was it?")
    String feedbackTitle();

    @Message("Rate your order from 1 (bad) to 5 (very good)")
    String feedbackAsk();

    @Message("{n} of 5")
    String stars(int n);

    @Message("Anything to tell us? (optional)")
    String feedbackComment();

    @Message("Send")
    String feedbackSend();

    @Message("Thank you! You rated this order {n} of 5.")
    String feedbackThanks(int n);

    @Message("Message preferences")
    String prefsLink();

    @Message("Which messages do you want about your orders?")
    String prefsTitle();

    @Message("Text messages (SMS)")
    String prefsSms();

    @Message("E-mails")
    String prefsEmail();

    @Message("Save")
    String prefsSave();

    @Message("Saved.")
    String prefsSaved();
}
