package dev.ordertracking.delay;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each carrier's median days past the promise over its late deliveries in our own history, for
 * carriers with enough of them; recomputed every {@code tracking.delays.history.refresh}.
 */
@ApplicationScoped
public class CarrierDelays implements IncidentDesk.CarrierHistory {

    private final AgroalDataSource dataSource;
    private final DelaySettings.History settings;
    private final Clock clock;
    private volatile Map<String, Integer> medians = Map.of();
    private volatile Instant computedAt;

    public CarrierDelays(AgroalDataSource dataSource, DelaySettings settings, Clock clock) {
        this.dataSource = dataSource;
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
        Map<String, Integer> fresh = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select s.carrier, percentile_disc(0.5) within group (order by
                         (o.delivered_at at time zone o.customer_time_zone)::date - o.promised_delivery_date)
                     from order_journey o join shipment s on s.order_id = o.order_id
                     where o.status = 'DELIVERED' and o.delivery_timing = 'LATE' and o.delivered_at >= ?
                       and s.carrier is not null
                     group by s.carrier having count(distinct o.order_id) >= ?""")) {
            s.setTimestamp(1, Timestamp.from(now.minus(settings.window())));
            s.setInt(2, settings.minSamples());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fresh.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading carriers' delivered history failed", e);
        }
        return Map.copyOf(fresh);
    }
}
