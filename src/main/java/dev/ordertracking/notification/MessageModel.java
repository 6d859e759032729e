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
 */
@TemplateData
public record MessageModel(String firstName, String orderId, String itemSummary, String promisedDate,
                           String estimatedDate, String deliveredAt, String carrier, String trackingNumber,
                           String trackingUrl, String pickupHint, String unsubscribeUrl) {
}
