package dev.ordertracking.notification;

import dev.ordertracking.journey.Customer;
import dev.ordertracking.journey.Journey;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * When a message can never reach the customer on its channel (invalid number, landline, opted
 * out, mailbox gone), the same milestone goes to their other channel, if they have one and allow
 * it and that channel has not carried this milestone already.
 */
@ApplicationScoped
public class Fallbacks {

    private final NotificationStore ledger;

    public Fallbacks(NotificationStore ledger) {
        this.ledger = ledger;
    }

    /** Plans the fallback in the caller's transaction; true when one was written. */
    public boolean plan(UUID failedId, Channel failedChannel, Milestone milestone, String shipmentId,
                        UUID incidentId, Integer incidentRevision, Instant causeReceivedAt, Journey journey,
                        Instant now) throws SQLException {
        Channel other = failedChannel == Channel.SMS ? Channel.EMAIL : Channel.SMS;
        Customer customer = journey.customer();
        String recipient = NotificationPlanner.recipient(customer, other);
        Consent consent = ledger.consent(Map.of(customer.id(), customer.phone() == null ? "" : customer.phone()))
                .getOrDefault(customer.id(), Consent.DEFAULT);
        if (consent.refusal(other, recipient) != null) {
            return false;
        }
        PlannedNotification fallback = new PlannedNotification(UUID.randomUUID(), journey.orderId(), customer.id(),
                milestone, other, shipmentId,
                incidentId == null ? PlannedNotification.dedupKey(journey.orderId(), milestone, shipmentId, other)
                        : PlannedNotification.incidentDedupKey(journey.orderId(), milestone, incidentId,
                        incidentRevision, other), recipient,
                customer.locale(), customer.timeZone(), NotificationStatus.PENDING,
                "fallback: the " + failedChannel + " message failed permanently", now, null, null, causeReceivedAt,
                failedId, incidentId, incidentRevision);
        return ledger.record(List.of(fallback), now) > 0;
    }
}
