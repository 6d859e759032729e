package dev.ordertracking.delay;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Carriers' late deliveries in our own history. Read only: journeys and shipments are the journey's rows. */
@ApplicationScoped
public class CarrierDelayStore {

    private final AgroalDataSource dataSource;

    public CarrierDelayStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Each carrier's median days past the promise (in the customer's calendar) over its late
     * deliveries since {@code since}, for carriers with at least {@code minSamples} such orders.
     */
    public Map<String, Integer> medianDaysLate(Instant since, int minSamples) throws SQLException {
        Map<String, Integer> medians = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select s.carrier, percentile_disc(0.5) within group (order by
                         (o.delivered_at at time zone o.customer_time_zone)::date - o.promised_delivery_date)
                     from order_journey o join shipment s on s.order_id = o.order_id
                     where o.status = 'DELIVERED' and o.delivery_timing = 'LATE' and o.delivered_at >= ?
                       and s.carrier is not null
                     group by s.carrier having count(distinct o.order_id) >= ?""")) {
            s.setTimestamp(1, Timestamp.from(since));
            s.setInt(2, minSamples);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    medians.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return medians;
    }
}
