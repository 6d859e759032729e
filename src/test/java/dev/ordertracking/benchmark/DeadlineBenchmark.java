package dev.ordertracking.benchmark;

import dev.ordertracking.delay.DeadlineStore;
import dev.ordertracking.delay.DeadlineWatch;
import dev.ordertracking.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Promise deadlines of 1,000,000 open orders, spread over the next seven days in 24 time zones
 * (so they come due in bursts at each zone's midnight, as real promises do). Reports what one
 * check costs with all of them pending (the query plan, and the time of a check with nothing due),
 * then lets three bursts come due with the running deadline watch and reports the detection lag:
 * from the deadline to the incident, over every deadline of the bursts.
 *
 * <p>Run with {@code ./mvnw verify -Pbenchmark -Dtest=DeadlineBenchmark} ({@code -Dbench.deadlines.orders=1000000}).
 */
@QuarkusTest
@TestProfile(DeadlineBenchmark.DetectionOnly.class)
@Tag("benchmark")
class DeadlineBenchmark {

    /** Messages are planned as usual; nothing is sent (this measures detection, not Twilio). */
    public static class DetectionOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracking.notifications.dispatch.enabled", "false",
                    "tracking.delays.deadlines.check-interval", "PT15S");
        }
    }

    /** Zones a whole number of hours apart, so a day has 24 bursts. */
    static final String[] ZONES = {"Pacific/Pago_Pago", "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles",
            "America/Denver", "America/Chicago", "America/New_York", "America/Halifax", "America/Sao_Paulo",
            "Atlantic/South_Georgia", "Atlantic/Azores", "UTC", "Europe/Berlin", "Europe/Athens", "Europe/Moscow",
            "Asia/Dubai", "Asia/Karachi", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo",
            "Australia/Brisbane", "Pacific/Noumea", "Pacific/Auckland"};

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    DeadlineWatch watch;

    @Test
    void detectionLagAndCostPerCheck() throws Exception {
        int orders = Integer.getInteger("bench.deadlines.orders", 1_000_000);
        long seedStart = System.nanoTime();
        seed(orders);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long pending = count("select count(*) from order_deadline where order_id like 'DL-%'");
        assertEquals(orders, pending);

        String plan = plan(clock.instant());
        List<Double> idle = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            watch.checkNow();
            idle.add((System.nanoTime() - t) / 1e6);
        }
        idle.sort(Double::compare);

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Deadline benchmark: %,d open orders, %,d deadlines pending (seeded in %.0f s)%n"
                        + "check with nothing due: p50 %.2f ms, p99 %.2f ms (200 checks, one transaction each)%n"
                        + "plan of the take query with nothing due:%n%s%n",
                orders, pending, seedSeconds, idle.get(100), idle.get(197), plan));

        List<Double> lags = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            Instant due = next(clock.instant().plusSeconds(30));
            long size = count("select count(*) from order_deadline where order_id like 'DL-%' and due_at = '"
                    + Timestamp.from(due) + "'::timestamptz");
            String duePlan = plan(due);
            clock.travelTo(due.minusSeconds(3));
            watch.wake(); // it slept towards the next deadline on the clock before the jump
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> count(
                    "select count(*) from incident where order_id like 'DL-%' and signal_at = '"
                            + Timestamp.from(due) + "'::timestamptz") == size);
            List<Double> burstLags = lags(due);
            lags.addAll(burstLags);
            report.append(String.format(Locale.ROOT, "burst %d at %s: %,d deadlines, lag p50 %.2f s, p99 %.2f s,"
                            + " max %.2f s%n", burst + 1, due, size, percentile(burstLags, 0.5),
                    percentile(burstLags, 0.99), burstLags.get(burstLags.size() - 1)));
            if (burst == 0) {
                report.append("plan of the take query with a burst due:\n").append(duePlan).append('\n');
            }
        }
        lags.sort(Double::compare);
        report.append(String.format(Locale.ROOT, "all bursts: %,d deadlines, detection lag p50 %.2f s, p99 %.2f s,"
                + " max %.2f s%n", lags.size(), percentile(lags, 0.5), percentile(lags, 0.99), lags.get(lags.size() - 1)));
        clock.reset();
        System.out.println(report);
    }

    private void seed(int orders) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from order_deadline where order_id like 'DL-%'");
            s.execute("delete from notification where order_id like 'DL-%'");
            s.execute("delete from coupon where order_id like 'DL-%'");
            s.execute("delete from incident where order_id like 'DL-%'");
            s.execute("create temporary table bench_zone (n int, zone text)");
            try (PreparedStatement z = c.prepareStatement("insert into bench_zone values (?, ?)")) {
                for (int i = 0; i < ZONES.length; i++) {
                    z.setInt(1, i);
                    z.setString(2, ZONES[i]);
                    z.addBatch();
                }
                z.executeBatch();
            }
            Timestamp now = Timestamp.from(clock.instant());
            String orderRows = """
                    create temporary table bench_order as
                    select 'DL-' || g as order_id, 'C-DL-' || g as customer_id, z.zone,
                           (cast(? as timestamptz) at time zone 'UTC')::date + 1 + (g % 7) as promised,
                           cast(? as timestamptz) - interval '1 day' as placed_at
                    from generate_series(1, ?) g join bench_zone z on z.n = g % 24""";
            try (PreparedStatement p = c.prepareStatement(orderRows)) {
                p.setTimestamp(1, now);
                p.setTimestamp(2, now);
                p.setInt(3, orders);
                p.execute();
            }
            s.execute("""
                    insert into journey_event (event_id, order_id, type, source, occurred_at, received_at, live,
                        kafka_topic, kafka_partition, kafka_offset, data)
                    select 'bench-' || order_id, order_id, 'order.placed', '/bench', placed_at, placed_at, true,
                           'orders.v1', 0, 0,
                           jsonb_build_object('orderId', order_id, 'placedAt', to_char(placed_at at time zone 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'promisedDeliveryDate', promised::text,
                               'customer', jsonb_build_object('id', customer_id, 'email', lower(order_id) || '@bench.invalid',
                                   'locale', 'en', 'timeZone', zone))
                    from bench_order on conflict do nothing""");
            s.execute("""
                    insert into order_journey (order_id, status, customer_id, customer_email, customer_locale,
                        customer_time_zone, items, placed_at, promised_delivery_date, promise_deadline, anomalies,
                        event_count, last_event_at, updated_at, tracking_token)
                    select order_id, 'PLACED', customer_id, lower(order_id) || '@bench.invalid', 'en', zone, '[]',
                           placed_at, promised, (promised + 1)::timestamp at time zone zone, '[]', 1, placed_at,
                           placed_at, md5(order_id || random()::text)
                    from bench_order on conflict do nothing""");
            s.execute("""
                    insert into order_deadline (order_id, kind, due_at)
                    select order_id, 'PROMISE', (promised + 1)::timestamp at time zone zone from bench_order
                    on conflict (order_id, kind) do update set due_at = excluded.due_at""");
            s.execute("analyze order_deadline");
        }
    }

    /** EXPLAIN ANALYZE of the take query at {@code now}, rolled back. */
    private String plan(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("explain (analyze, buffers, costs off) "
                    + DeadlineStore.TAKE_DUE)) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setInt(2, 500);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        plan.append("    ").append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private Instant next(Instant after) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select min(due_at) from order_deadline where order_id like 'DL-%' and due_at > ?")) {
            s.setTimestamp(1, Timestamp.from(after));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private List<Double> lags(Instant due) throws SQLException {
        List<Double> lags = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select extract(epoch from opened_at - signal_at) from incident
                where order_id like 'DL-%' and signal_at = ? order by 1""")) {
            s.setTimestamp(1, Timestamp.from(due));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lags.add(rs.getDouble(1));
                }
            }
        }
        return lags;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
