package dev.ordertracking.notification;

import dev.ordertracking.journey.Customer;
import dev.ordertracking.journey.Journey;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the milestones an order reached into messages per configured channel, each with its
 * initial status: due now, deferred to the end of the customer's quiet hours (SMS only), or
 * suppressed with the reason (historical event, no consent, no address).
 */
public final class NotificationPlanner {

    private final Map<Milestone, List<Channel>> channels;
    private final QuietHours quietHours;

    public NotificationPlanner(Map<Milestone, List<Channel>> channels, QuietHours quietHours) {
        this.channels = channels;
        this.quietHours = quietHours;
    }

    public List<PlannedNotification> plan(Journey journey, List<MilestoneReached> milestones, Consent consent,
                                          Instant now) {
        List<PlannedNotification> planned = new ArrayList<>();
        Customer customer = journey.customer();
        for (MilestoneReached reached : milestones) {
            for (Channel channel : channels.getOrDefault(reached.milestone(), List.of())) {
                String recipient = recipient(customer, channel);
                NotificationStatus status = NotificationStatus.PENDING;
                String reason = null;
                Instant due = now;
                if (!reached.cause().live()) {
                    status = NotificationStatus.SUPPRESSED;
                    reason = "historical event " + reached.cause().eventId() + " (older than the staleness window)";
                } else if (consent.refusal(channel, recipient) != null) {
                    status = NotificationStatus.SUPPRESSED;
                    reason = consent.refusal(channel, recipient);
                } else if (channel == Channel.SMS) {
                    Instant until = quietHours.deferUntil(now, ZoneId.of(customer.timeZone())).orElse(null);
                    if (until != null) {
                        status = NotificationStatus.DEFERRED;
                        reason = "quiet hours in " + customer.timeZone() + " until " + until;
                        due = until;
                    }
                }
                planned.add(new PlannedNotification(UUID.randomUUID(), journey.orderId(), customer.id(),
                        reached.milestone(), channel, reached.shipmentId(),
                        PlannedNotification.dedupKey(journey.orderId(), reached.milestone(), reached.shipmentId(), channel),
                        recipient, customer.locale(), customer.timeZone(), status, reason, due,
                        reached.cause().eventId(), reached.cause().occurredAt(), reached.cause().receivedAt(), null));
            }
        }
        return planned;
    }

    static String recipient(Customer customer, Channel channel) {
        String value = channel == Channel.SMS ? customer.phone() : customer.email();
        return value == null || value.isBlank() ? null : value;
    }
}
