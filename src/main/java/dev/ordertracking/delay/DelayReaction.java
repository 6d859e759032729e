package dev.ordertracking.delay;

import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.JourneyReaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Sets the deadlines and opens or closes the incidents a journey change calls for. */
@ApplicationScoped
public class DelayReaction implements JourneyReaction {

    private final DelayHandling delays;

    public DelayReaction(DelayHandling delays) {
        this.delays = delays;
    }

    @Override
    public int order() {
        return DELAYS;
    }

    @Override
    public void onChanges(List<ChangedJourney> changes, Instant now) throws SQLException {
        delays.onChanges(changes, now);
    }
}
