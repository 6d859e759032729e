package dev.ordertracking.delay;

import dev.ordertracking.journey.Journey;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What the delivery forecast tells the delay rules, in the caller's transaction: when support's
 * alerts come due, learned from the shop's history, and whether its warning moment, come due,
 * still stands. The forecast feature provides it; {@link #FIXED} is the fixed rules alone.
 */
public interface ForecastAlerts {

    /** When a deadline comes due; {@code learned} says in words why, null for the fixed rule's time. */
    record Moment(Instant at, String learned) {
    }

    /** What is learned as of {@code now}, for one batch of deadlines (what they read is shared within it). */
    Moments at(Instant now);

    interface Moments {

        /**
         * When the {@code NOT_SHIPPED} (DISPATCH) or {@code STALLED} (STALL) deadline of this journey
         * comes due: at the learned moment once there is enough history, else at {@code fixed}, the
         * fixed rule's time. Other kinds keep their fixed time.
         */
        Moment dueAt(DeadlineKind kind, Journey journey, Instant fixed) throws SQLException;

        /**
         * The FORECAST deadline of an open order came due: the sign to give if the forecast, recomputed
         * now, still says the promise will likely be missed; empty if it no longer does (the forecast
         * then keeps its own deadline for a later moment).
         *
         * @param live false for a deadline long past (history): recorded, nobody is messaged
         */
        Optional<DelaySignal> warningDue(Journey journey, boolean live) throws SQLException;
    }

    /** The fixed rules alone: no learned moments, no warnings. */
    ForecastAlerts FIXED = now -> new Moments() {
        @Override
        public Moment dueAt(DeadlineKind kind, Journey journey, Instant fixed) {
            return new Moment(fixed, null);
        }

        @Override
        public Optional<DelaySignal> warningDue(Journey journey, boolean live) {
            return Optional.empty();
        }
    };
}
