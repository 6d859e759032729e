package dev.ordertracking.compensation;

import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyReaction;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Rewards orders delivered with this batch by a live event. */
@ApplicationScoped
public class LoyaltyReaction implements JourneyReaction {

    private final LoyaltyService loyalty;

    public LoyaltyReaction(LoyaltyService loyalty) {
        this.loyalty = loyalty;
    }

    @Override
    public int order() {
        return COMPENSATION;
    }

    @Override
    public void onChanges(List<ChangedJourney> changes, Instant now) throws SQLException {
        loyalty.reward(changes.stream().filter(c -> deliveredLive(c.events(), c.change())).map(ChangedJourney::change)
                .toList(), now);
    }

    /** The order became delivered with this batch, by a live event (history never earns a reward). */
    private static boolean deliveredLive(List<RecordedEvent> events, JourneyChange change) {
        return change.becameDelivered() && events.stream()
                .filter(e -> e.fact() instanceof JourneyFact.ShipmentStatusChanged s
                        && s.status() == ShipmentStatus.DELIVERED)
                .max(Comparator.comparing(RecordedEvent::occurredAt))
                .map(RecordedEvent::live).orElse(false);
    }
}
