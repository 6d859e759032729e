package dev.ordertracking.notification;

import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.platform.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the customer messages a batch of journey changes causes and writes them in the caller's
 * transaction, so a change and its messages commit together or not at all.
 */
@ApplicationScoped
public class NotificationPlanningService {

    private final NotificationStore ledger;
    private final NotificationPlanner planner;
    private final AfterCommit afterCommit;
    private final NotificationSignal signal;

    public NotificationPlanningService(NotificationStore ledger, NotificationSettings settings,
                                dev.ordertracking.feedback.FeedbackSettings feedback,
                                AfterCommit afterCommit, NotificationSignal signal) {
        this.ledger = ledger;
        this.planner = new NotificationPlanner(settings.channelsByMilestone(), QuietHours.of(settings.quietHours()),
                feedback.requestAfter());
        this.afterCommit = afterCommit;
        this.signal = signal;
    }

    public void plan(List<ChangedJourney> changes, Instant now) throws SQLException {
        Map<String, List<MilestoneReached>> reached = new LinkedHashMap<>();
        Map<String, Journey> journeys = new HashMap<>();
        Map<String, String> phoneByCustomer = new HashMap<>();
        Map<String, Milestone> newestByOrder = new HashMap<>();
        for (ChangedJourney changed : changes) {
            List<MilestoneReached> milestones = MilestoneDetector.detect(changed.change(), changed.events());
            if (milestones.isEmpty()) {
                continue;
            }
            Journey journey = changed.change().after();
            reached.put(journey.orderId(), milestones);
            journeys.put(journey.orderId(), journey);
            if (milestones.stream().anyMatch(m -> m.cause().live())) {
                phoneByCustomer.put(journey.customer().id(), journey.customer().phone());
            }
            if (changed.change().before().isPresent()) {
                // Only an order seen before can have unsent messages for a newer milestone to drop.
                milestones.stream().map(MilestoneReached::milestone)
                        .max(Comparator.comparingInt(m -> MilestoneDetector.supersededBy(m).size()))
                        .ifPresent(m -> newestByOrder.put(journey.orderId(), m));
            }
        }
        if (reached.isEmpty()) {
            return;
        }
        Map<String, Consent> consent = ledger.consent(phoneByCustomer);
        List<PlannedNotification> planned = new ArrayList<>();
        reached.forEach((orderId, milestones) -> {
            Journey journey = journeys.get(orderId);
            planned.addAll(planner.plan(journey, milestones,
                    consent.getOrDefault(journey.customer().id(), Consent.DEFAULT), now));
        });
        ledger.dropSuperseded(newestByOrder, now);
        ledger.record(planned, now);
        if (planned.stream().anyMatch(p -> p.status() == NotificationStatus.PENDING)) {
            wakeAfterCommit();
        }
    }

    /** A message about an incident, decided by the incident desk. */
    public record IncidentMessage(Journey journey, Milestone milestone, java.util.UUID incidentId, int revision,
                                  boolean live, String causeEventId, Instant causeAt) {
    }

    /** Writes messages about incidents in the caller's transaction, like milestone messages. */
    public void planIncidentMessages(List<IncidentMessage> messages, Instant now) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        Map<String, String> phoneByCustomer = new HashMap<>();
        messages.forEach(m -> phoneByCustomer.put(m.journey().customer().id(), m.journey().customer().phone()));
        Map<String, Consent> consent = ledger.consent(phoneByCustomer);
        List<PlannedNotification> planned = new ArrayList<>();
        for (IncidentMessage m : messages) {
            planned.addAll(planner.planIncident(m.journey(), m.milestone(), m.incidentId(), m.revision(), m.live(),
                    m.causeEventId(), m.causeAt(), consent.getOrDefault(m.journey().customer().id(), Consent.DEFAULT),
                    now));
        }
        ledger.record(planned, now);
        if (planned.stream().anyMatch(p -> p.status() == NotificationStatus.PENDING)) {
            wakeAfterCommit();
        }
    }

    /** Wakes the dispatchers once the messages are visible, not before. */
    private void wakeAfterCommit() {
        afterCommit.run(signal::wake);
    }
}
