package dev.ordertracking.console;

import dev.ordertracking.console.SvgCharts.Bar;
import dev.ordertracking.console.SvgCharts.Chart;
import dev.ordertracking.console.SvgCharts.Series;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The console's dashboard: a few headline numbers and five charts over a range of days (UTC). */
@ApplicationScoped
public class Dashboard {

    /** Widths of the order-to-delivery histogram: one bar per day of hours, the last one open-ended. */
    static final int HOURS_PER_BUCKET = 24;
    static final int BUCKETS = 20;

    public record Headline(long delivered, String onTimeRate, long openIncidents, long openFollowUps,
                           String meanRating) {
    }

    public record View(LocalDate from, LocalDate to, Headline headline, List<Chart> charts) {
    }

    private final AgroalDataSource dataSource;

    public Dashboard(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Days {@code from} to {@code to}, both included. */
    public View view(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection c = dataSource.getConnection()) {
            List<Chart> charts = List.of(onTimeByDay(c, from, to, start, end), delayReasons(c, start, end),
                    deliveryHours(c, start, end), messageFunnel(c, start, end), feedback(c, start, end));
            return new View(from, to, headline(c, start, end), charts);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the dashboard failed", e);
        }
    }

    private Headline headline(Connection c, Instant start, Instant end) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select (select count(*) from order_journey where status = 'DELIVERED' and delivered_at >= ? and delivered_at < ?),
                       (select count(*) from order_journey where status = 'DELIVERED' and on_time and delivered_at >= ? and delivered_at < ?),
                       (select count(*) from incident where status = 'OPEN'),
                       (select count(*) from follow_up where status = 'OPEN'),
                       (select avg(rating) from feedback where given_at >= ? and given_at < ?)""")) {
            bind(s, start, end, start, end, start, end);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long delivered = rs.getLong(1);
                double mean = rs.getDouble(5);
                boolean noRatings = rs.wasNull();
                return new Headline(delivered, delivered == 0 ? "–" : percent(rs.getLong(2), delivered),
                        rs.getLong(3), rs.getLong(4),
                        noRatings ? "–" : String.format(Locale.ROOT, "%.2f", mean));
            }
        }
    }

    private Chart onTimeByDay(Connection c, LocalDate from, LocalDate to, Instant start, Instant end)
            throws SQLException {
        Map<LocalDate, long[]> days = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select cast(delivered_at at time zone 'UTC' as date), count(*) filter (where on_time), count(*)
                from order_journey where status = 'DELIVERED' and delivered_at >= ? and delivered_at < ?
                group by 1""")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    days.put(rs.getDate(1).toLocalDate(), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        List<Bar> bars = new ArrayList<>();
        if (!days.isEmpty()) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                long[] n = days.getOrDefault(d, new long[] {0, 0});
                double rate = n[1] == 0 ? 0 : 100.0 * n[0] / n[1];
                bars.add(new Bar(d.toString(), rate, n[1] == 0 ? "no deliveries"
                        : percent(n[0], n[1]) + " of " + n[1], n[1] > 0 && n[0] == 0));
            }
        }
        return SvgCharts.columns("chart-on-time", "On-time deliveries per day",
                "Share of the orders delivered each day (UTC) that arrived by the promised date.", bars, 100, " %",
                "On time");
    }

    private Chart delayReasons(Connection c, Instant start, Instant end) throws SQLException {
        List<Bar> bars = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select reason, count(*) from incident where opened_at >= ? and opened_at < ?
                group by reason order by 2 desc, 1""")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    bars.add(new Bar(words(rs.getString(1)), rs.getLong(2), Long.toString(rs.getLong(2))));
                }
            }
        }
        return SvgCharts.horizontalBars("chart-delay-reasons", "Incidents by reason",
                "Incidents opened in the period, by what caused them.", bars, "Incidents");
    }

    private Chart deliveryHours(Connection c, Instant start, Instant end) throws SQLException {
        long[] counts = new long[BUCKETS + 1];
        boolean any = false;
        try (PreparedStatement s = c.prepareStatement("""
                select least(cast(floor(greatest(order_to_delivery_hours, 0) / ?) as int), ?), count(*)
                from order_journey
                where status = 'DELIVERED' and order_to_delivery_hours is not null
                  and delivered_at >= ? and delivered_at < ?
                group by 1""")) {
            s.setInt(1, HOURS_PER_BUCKET);
            s.setInt(2, BUCKETS);
            s.setTimestamp(3, Timestamp.from(start));
            s.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts[rs.getInt(1)] = rs.getLong(2);
                    any = true;
                }
            }
        }
        List<Bar> bars = new ArrayList<>();
        if (any) {
            long max = 0;
            for (int i = 0; i <= BUCKETS; i++) {
                String label = i == BUCKETS ? "≥ " + BUCKETS * HOURS_PER_BUCKET + " h"
                        : i * HOURS_PER_BUCKET + "–" + (i + 1) * HOURS_PER_BUCKET + " h";
                bars.add(new Bar(label, counts[i], Long.toString(counts[i])));
                max = Math.max(max, counts[i]);
            }
        }
        return SvgCharts.columns("chart-delivery-hours", "Hours from order to delivery",
                "How many orders delivered in the period took how long from placing to delivery.", bars,
                bars.stream().mapToDouble(Bar::value).max().orElse(0), "", "Orders");
    }

    private Chart messageFunnel(Connection c, Instant start, Instant end) throws SQLException {
        Map<String, double[]> byChannel = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select channel,
                       count(*) filter (where status not in ('SUPPRESSED', 'DROPPED')),
                       count(*) filter (where status in ('ACCEPTED', 'SENT', 'DELIVERED', 'UNDELIVERED')),
                       count(*) filter (where status = 'DELIVERED'),
                       count(*) filter (where status in ('FAILED', 'UNDELIVERED'))
                from notification where created_at >= ? and created_at < ?
                group by channel order by channel""")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byChannel.put(rs.getString(1), new double[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5)});
                }
            }
        }
        List<String> stages = List.of("Queued", "Sent", "Delivered", "Failed");
        String[] colors = {SvgCharts.BLUE, SvgCharts.AMBER, SvgCharts.GREEN, SvgCharts.RED};
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            int stage = i;
            series.add(new Series(stages.get(i), colors[i],
                    byChannel.values().stream().map(v -> v[stage]).toList()));
        }
        List<String> channels = byChannel.keySet().stream().map(ch -> "EMAIL".equals(ch) ? "E-mail" : ch).toList();
        return SvgCharts.groupedColumns("chart-message-funnel", "Customer messages by channel",
                "Messages created in the period: queued to send (not suppressed or dropped), handed to the "
                        + "provider, confirmed delivered, and failed. E-mail has no delivery receipts.",
                channels, channels.isEmpty() ? List.of() : series, "");
    }

    private Chart feedback(Connection c, Instant start, Instant end) throws SQLException {
        List<Bar> bars = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select on_time, count(*), avg(rating) from feedback
                where given_at >= ? and given_at < ? and on_time is not null
                group by on_time order by on_time desc""")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double mean = rs.getDouble(3);
                    bars.add(new Bar(rs.getBoolean(1) ? "On time" : "Late", mean,
                            String.format(Locale.ROOT, "%.2f of 5 (%d ratings)", mean, rs.getLong(2))));
                }
            }
        }
        return SvgCharts.columns("chart-feedback", "Mean rating, on time vs late",
                "Mean customer rating (1 to 5) of orders that arrived on time and of those that arrived late.",
                bars, 5, "", "Mean rating");
    }

    private static void bind(PreparedStatement s, Instant... instants) throws SQLException {
        for (int i = 0; i < instants.length; i++) {
            s.setTimestamp(i + 1, Timestamp.from(instants[i]));
        }
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /** PROMISE_BROKEN -> Promise broken. */
    static String words(String constant) {
        if (constant == null || constant.isEmpty()) {
            return "Unknown";
        }
        String lower = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
