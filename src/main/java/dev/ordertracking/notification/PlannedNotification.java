package dev.ordertracking.notification;

import java.time.Instant;
import java.util.UUID;

/** A customer message decided on, about to be written in the same transaction as its cause. */
public record PlannedNotification(UUID id, String orderId, String customerId, Milestone milestone, Channel channel,
                                  String shipmentId, String dedupKey, String recipient, String locale,
                                  String timeZone, NotificationStatus status, String statusReason,
                                  Instant nextAttemptAt, String causeEventId, Instant causeOccurredAt,
                                  Instant causeReceivedAt, UUID fallbackOf, UUID incidentId, Integer incidentRevision) {

    public PlannedNotification(UUID id, String orderId, String customerId, Milestone milestone, Channel channel,
                               String shipmentId, String dedupKey, String recipient, String locale, String timeZone,
                               NotificationStatus status, String statusReason, Instant nextAttemptAt,
                               String causeEventId, Instant causeOccurredAt, Instant causeReceivedAt, UUID fallbackOf) {
        this(id, orderId, customerId, milestone, channel, shipmentId, dedupKey, recipient, locale, timeZone, status,
                statusReason, nextAttemptAt, causeEventId, causeOccurredAt, causeReceivedAt, fallbackOf, null, null);
    }

    /** One message per order, milestone, parcel and channel, ever; a resend appends {@code #resend-N}. */
    public static String dedupKey(String orderId, Milestone milestone, String shipmentId, Channel channel) {
        return orderId + "/" + milestone + (shipmentId == null ? "" : "/" + shipmentId) + "/" + channel;
    }

    /** One message per incident, revision (first notice, each update) and channel. */
    public static String incidentDedupKey(String orderId, Milestone milestone, UUID incidentId, int revision,
                                          Channel channel) {
        return orderId + "/" + milestone + "/incident-" + incidentId + "-" + revision + "/" + channel;
    }
}
