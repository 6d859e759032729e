package dev.ordertracking.notification;

import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.JourneyReaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Plans the milestone messages a journey change earns. */
@ApplicationScoped
public class NotificationReaction implements JourneyReaction {

    private final NotificationPlanningService planning;

    public NotificationReaction(NotificationPlanningService planning) {
        this.planning = planning;
    }

    @Override
    public int order() {
        return NOTIFICATIONS;
    }

    @Override
    public void onChanges(List<ChangedJourney> changes, Instant now) throws SQLException {
        planning.plan(changes, now);
    }
}
