package dev.ordertracking.notification;

import io.quarkus.qute.TemplateData;

/**
 * Everything a customer message may say, already in the customer's language: dates formatted by
 * {@link LocalizedText} in the customer's time zone and locale. Fields a milestone has nothing for
 * are null; templates leave them out.
 *
 * @param firstName      how we greet the customer
 * @param orderId        the shop's order id
 * @param itemSummary    a short line about what was ordered, e.g. "Desk lamp and 2 more items"
 * @param promisedDate   the promised delivery date
 * @param estimatedDate  the carrier's latest estimate
 * @param deliveredAt    date and time of delivery
 * @param carrier        the carrier's name
 * @param trackingNumber the carrier's tracking number
 * @param trackingUrl    our own tracking page, {@code {publicBaseUrl}/t/{token}}
 * @param pickupHint     where the parcel waits to be picked up, e.g. "Agência Correios Centro, Rua XV 1200"
 * @param unsubscribeUrl where the customer turns these messages off
 * @param amends         for messages about an incident (delay, lost or damaged parcel): what we say
 *                       about it; null for the other milestones
 */
@TemplateData
public record MessageModel(String firstName, String orderId, String itemSummary, String promisedDate,
                           String estimatedDate, String deliveredAt, String carrier, String trackingNumber,
                           String trackingUrl, String pickupHint, String unsubscribeUrl, Amends amends) {

    public MessageModel(String firstName, String orderId, String itemSummary, String promisedDate,
                        String estimatedDate, String deliveredAt, String carrier, String trackingNumber,
                        String trackingUrl, String pickupHint, String unsubscribeUrl) {
        this(firstName, orderId, itemSummary, promisedDate, estimatedDate, deliveredAt, carrier, trackingNumber,
                trackingUrl, pickupHint, unsubscribeUrl, null);
    }

    /**
     * What an apology says, in the customer's language.
     *
     * @param whatHappened  the reason in plain words, a sentence fragment from {@link IncidentWording},
     *                      e.g. "severe weather is holding up the carrier"
     * @param newDate       the exact new delivery date (null after delivery, or when none can be given)
     * @param update        true when this follows an earlier notice about the same incident (a further slip)
     * @param couponCode    the code to enter at checkout, null when no coupon comes with this message
     * @param couponValue   what the coupon is worth, e.g. "15%" or "R$ 20,00"
     * @param couponExpires the last day the coupon can be used
     * @param expected      the new date is our own expectation (the delivery forecast's "at the latest"
     *                      date), not the carrier's: the message says "we now expect it by ... at the latest"
     */
    @TemplateData
    public record Amends(String whatHappened, String newDate, boolean update, String couponCode, String couponValue,
                         String couponExpires, boolean expected) {

        public Amends(String whatHappened, String newDate, boolean update, String couponCode, String couponValue,
                      String couponExpires) {
            this(whatHappened, newDate, update, couponCode, couponValue, couponExpires, false);
        }
    }
}
