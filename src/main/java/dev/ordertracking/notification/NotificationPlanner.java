package dev.ordertracking.notification;

import dev.ordertracking.journey.Customer;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.RecordedEvent;

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
    private final java.time.Duration feedbackAfter;

    public NotificationPlanner(Map<Milestone, List<Channel>> channels, QuietHours quietHours) {
        this(channels, quietHours, null);
    }

    /**
     * @param feedbackAfter how long after delivery the customer is asked for a rating; null: never
     */
    public NotificationPlanner(Map<Milestone, List<Channel>> channels, QuietHours quietHours,
                               java.time.Duration feedbackAfter) {
        this.channels = channels;
        this.quietHours = quietHours;
        this.feedbackAfter = feedbackAfter;
    }

    public List<PlannedNotification> plan(Journey journey, List<MilestoneReached> milestones, Consent consent,
                                          Instant now) {
        List<PlannedNotification> planned = new ArrayList<>();
        for (MilestoneReached reached : milestones) {
            RecordedEvent cause = reached.cause();
            planned.addAll(plan(journey, reached.milestone(), reached.shipmentId(), null, null, cause.live(),
                    "historical event " + cause.eventId() + " (older than the staleness window)", cause.eventId(),
                    cause.occurredAt(), cause.receivedAt(), consent, now));
            if (reached.milestone() == Milestone.DELIVERED && feedbackAfter != null) {
                planned.addAll(askForFeedback(journey, cause, consent, now));
            }
        }
        return planned;
    }

    /** The rating request: due {@code feedbackAfter} after the delivery, through the usual consent and quiet hours. */
    private List<PlannedNotification> askForFeedback(Journey journey, RecordedEvent delivered, Consent consent,
                                                     Instant now) {
        Instant due = delivered.occurredAt().plus(feedbackAfter);
        List<PlannedNotification> planned = new ArrayList<>();
        for (PlannedNotification p : plan(journey, Milestone.FEEDBACK_REQUEST, null, null, null, delivered.live(),
                "historical event " + delivered.eventId() + " (older than the staleness window)", delivered.eventId(),
                delivered.occurredAt(), delivered.receivedAt(), consent, now)) {
            boolean later = (p.status() == NotificationStatus.PENDING || p.status() == NotificationStatus.DEFERRED)
                    && due.isAfter(p.nextAttemptAt());
            planned.add(!later ? p : new PlannedNotification(p.id(), p.orderId(), p.customerId(), p.milestone(),
                    p.channel(), p.shipmentId(), p.dedupKey(), p.recipient(), p.locale(), p.timeZone(),
                    NotificationStatus.DEFERRED, "asks for a rating " + feedbackAfter + " after delivery", due,
                    p.causeEventId(), p.causeOccurredAt(), p.causeReceivedAt(), null, null, null));
        }
        return planned;
    }

    /**
     * The messages about an incident (an apology, an update with a later date): per configured
     * channel, one per incident and revision.
     *
     * @param live    false when the incident came from history: recorded as suppressed, nobody told
     * @param causeAt when its cause happened (an event's time, a deadline, a support action)
     */
    public List<PlannedNotification> planIncident(Journey journey, Milestone milestone, UUID incidentId, int revision,
                                                  boolean live, String causeEventId, Instant causeAt, Consent consent,
                                                  Instant now) {
        return plan(journey, milestone, null, incidentId, revision, live, "the incident came from history",
                causeEventId, causeAt, now, consent, now);
    }

    private List<PlannedNotification> plan(Journey journey, Milestone milestone, String shipmentId, UUID incidentId,
                                           Integer revision, boolean live, String historical, String causeEventId,
                                           Instant causeOccurredAt, Instant causeReceivedAt, Consent consent,
                                           Instant now) {
        List<PlannedNotification> planned = new ArrayList<>();
        Customer customer = journey.customer();
        for (Channel channel : channels.getOrDefault(milestone, List.of())) {
            String recipient = recipient(customer, channel);
            NotificationStatus status = NotificationStatus.PENDING;
            String reason = null;
            Instant due = now;
            if (!live) {
                status = NotificationStatus.SUPPRESSED;
                reason = historical;
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
            String dedupKey = incidentId == null
                    ? PlannedNotification.dedupKey(journey.orderId(), milestone, shipmentId, channel)
                    : PlannedNotification.incidentDedupKey(journey.orderId(), milestone, incidentId, revision, channel);
            planned.add(new PlannedNotification(UUID.randomUUID(), journey.orderId(), customer.id(), milestone,
                    channel, shipmentId, dedupKey, recipient, customer.locale(), customer.timeZone(), status, reason,
                    due, causeEventId, causeOccurredAt, causeReceivedAt, null, incidentId, revision));
        }
        return planned;
    }

    static String recipient(Customer customer, Channel channel) {
        String value = channel == Channel.SMS ? customer.phone() : customer.email();
        return value == null || value.isBlank() ? null : value;
    }
}
