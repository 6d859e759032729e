package dev.ordertracking.delay;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Each carrier's median days past the promise over its late deliveries in our own history, for
 * carriers with enough of them; recomputed every {@code tracking.delays.history.refresh}.
 */
@ApplicationScoped
public class CarrierDelayService implements IncidentDesk.CarrierHistory {

    private final CarrierDelayStore store;
    private final DelaySettings.History settings;
    private final Clock clock;
    private volatile Map<String, Integer> medians = Map.of();
    private volatile Instant computedAt;

    public CarrierDelayService(CarrierDelayStore store, DelaySettings settings, Clock clock) {
        this.store = store;
        this.settings = settings.history();
        this.clock = clock;
    }

    @Override
    public Optional<Integer> medianDelayDays(String carrier) {
        Instant now = clock.instant();
        if (computedAt == null || computedAt.plus(settings.refresh()).isBefore(now)) {
            refresh(now);
        }
        return Optional.ofNullable(medians.get(carrier));
    }

    private synchronized void refresh(Instant now) {
        if (computedAt != null && !computedAt.plus(settings.refresh()).isBefore(now)) {
            return;
        }
        medians = compute(now);
        computedAt = now;
    }

    /** The medians as of {@code now}, read from the database (no cache). */
    public Map<String, Integer> compute(Instant now) {
        try {
            return Map.copyOf(store.medianDaysLate(now.minus(settings.window()), settings.minSamples()));
        } catch (SQLException e) {
            throw new IllegalStateException("reading carriers' delivered history failed", e);
        }
    }
}
