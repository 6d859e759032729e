package dev.ordertracking.delay.flow;

import dev.ordertracking.delay.CarrierDelayService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A carrier's median delay comes from our own late deliveries, once there are enough of them. */
@QuarkusTest
class CarrierHistoryTest {

    @Inject
    AgroalDataSource db;

    @Inject
    CarrierDelayService carrierDelays;

    @Test
    void theMedianOfLateDeliveriesCountsOnceThereAreEnough() throws Exception {
        String slow = "Slow Freight " + UUID.randomUUID();
        String rare = "Rare Freight " + UUID.randomUUID();
        Instant now = Instant.now();
        // 50 late deliveries: 20 of 2 days, 20 of 3 days, 10 of 9 days -> median 3
        for (int i = 0; i < 50; i++) {
            insertLateDelivery(slow, i < 20 ? 2 : i < 40 ? 3 : 9, now);
        }
        for (int i = 0; i < 49; i++) {
            insertLateDelivery(rare, 4, now);
        }
        var medians = carrierDelays.compute(now);
        assertEquals(3, medians.get(slow));
        assertNull(medians.get(rare), "49 late deliveries are not enough yet");
    }

    private void insertLateDelivery(String carrier, int daysLate, Instant now) throws Exception {
        String orderId = "HIST-" + UUID.randomUUID();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into order_journey (order_id, status, customer_id, customer_locale, customer_time_zone,
                        items, placed_at, promised_delivery_date, promise_deadline, delivered_at, on_time,
                        delivery_timing, anomalies, event_count, last_event_at, updated_at, tracking_token)
                    values (?, 'DELIVERED', 'C-HIST', 'en', 'UTC', '[]', ?, ?, ?, ?, false, 'LATE', '[]', 4, ?, ?, ?)""")) {
                Instant delivered = now.minusSeconds(86_400);
                java.time.LocalDate deliveredDay = java.time.LocalDate.ofInstant(delivered, java.time.ZoneOffset.UTC);
                java.time.LocalDate promised = deliveredDay.minusDays(daysLate);
                s.setString(1, orderId);
                s.setTimestamp(2, java.sql.Timestamp.from(delivered.minusSeconds(10 * 86_400)));
                s.setObject(3, promised);
                s.setTimestamp(4, java.sql.Timestamp.from(promised.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant()));
                s.setTimestamp(5, java.sql.Timestamp.from(delivered));
                s.setTimestamp(6, java.sql.Timestamp.from(delivered));
                s.setTimestamp(7, java.sql.Timestamp.from(delivered));
                s.setString(8, UUID.randomUUID().toString());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into shipment (order_id, shipment_id, carrier, status, skus) values (?, 'S1', ?, 'DELIVERED', '[]')""")) {
                s.setString(1, orderId);
                s.setString(2, carrier);
                s.executeUpdate();
            }
        }
    }
}
