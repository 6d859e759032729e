package dev.ordertracking.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message a dispatcher claimed to send.
 *
 * @param previousStatus the status before this claim: {@code SENDING} means an earlier claim ran out
 *                       (the dispatcher died mid-send) and the provider may already have it
 * @param body           the rendered text stored by an earlier attempt, or null
 * @param traceParent    the W3C traceparent of what caused the message; its send continues that trace
 */
public record ClaimedNotification(UUID id, String orderId, String customerId, Milestone milestone, Channel channel,
                                  String shipmentId, String dedupKey, String recipient, String locale, String timeZone,
                                  NotificationStatus previousStatus, int attempts, String subject, String body,
                                  String providerId, String errorCode, Instant lastClaimedAt,
                                  Instant previousClaimedAt, Instant causeReceivedAt, UUID resendOf,
                                  UUID incidentId, Integer incidentRevision, String traceParent) {

    /** A send may have happened without us recording it: check with the provider before sending again. */
    public boolean inDoubt() {
        return body != null && (previousStatus == NotificationStatus.SENDING
                || (previousStatus == NotificationStatus.RETRYING && Transition.CONNECTION_LOST.equals(errorCode)));
    }
}
