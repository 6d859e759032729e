package dev.ordertracking.console;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the dashboard's figures over a period; never writes. */
@ApplicationScoped
public class DashboardStore {

    /** Headline counts; {@code meanRating} null without ratings. */
    public record Totals(long delivered, long onTime, long openIncidents, long openFollowUps, Double meanRating) {
    }

    /** Orders delivered on one day, and how many of them on time. */
    public record Deliveries(long onTime, long delivered) {
    }

    public record ReasonCount(String reason, long count) {
    }

    /** Messages of one channel by how far they got. */
    public record Funnel(long queued, long sent, long delivered, long failed) {
    }

    public record Ratings(boolean onTime, long count, double mean) {
    }

    /**
     * Everything the dashboard shows over a period: deliveries per UTC day, incidents by reason (most
     * first), deliveries per bucket of order-to-delivery hours, messages per channel, ratings on time first.
     */
    public record Figures(Totals totals, Map<LocalDate, Deliveries> byDay, List<ReasonCount> reasons,
                          Map<Integer, Long> byHoursBucket, Map<String, Funnel> byChannel, List<Ratings> ratings) {
    }

    private final AgroalDataSource dataSource;

    public DashboardStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The figures from {@code start} to {@code end} (excluded); order-to-delivery hours are counted in
     * buckets of {@code hoursPerBucket}, the last ({@code lastBucket}) open-ended.
     */
    public Figures figures(Instant start, Instant end, int hoursPerBucket, int lastBucket) {
        try (Connection c = dataSource.getConnection()) {
            return new Figures(totals(c, start, end), byDay(c, start, end), reasons(c, start, end),
                    byHoursBucket(c, start, end, hoursPerBucket, lastBucket), byChannel(c, start, end),
                    ratings(c, start, end));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the dashboard failed", e);
        }
    }

    private static Totals totals(Connection c, Instant start, Instant end) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select (select count(*) from order_journey where status = 'DELIVERED' and delivered_at >= ? and delivered_at < ?),
                       (select count(*) from order_journey where status = 'DELIVERED' and on_time and delivered_at >= ? and delivered_at < ?),
                       (select count(*) from incident where status = 'OPEN'),
                       (select count(*) from follow_up where status = 'OPEN'),
                       (select avg(rating) from feedback where given_at >= ? and given_at < ?)""")) {
            bind(s, start, end, start, end, start, end);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                double mean = rs.getDouble(5);
                return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.wasNull() ? null : mean);
            }
        }
    }

    private static Map<LocalDate, Deliveries> byDay(Connection c, Instant start, Instant end) throws SQLException {
        Map<LocalDate, Deliveries> days = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select cast(delivered_at at time zone 'UTC' as date), count(*) filter (where on_time), count(*)
                from order_journey where status = 'DELIVERED' and delivered_at >= ? and delivered_at < ?
                group by 1""")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    days.put(rs.getDate(1).toLocalDate(), new Deliveries(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return days;
    }

    private static List<ReasonCount> reasons(Connection c, Instant start, Instant end) throws SQLException {
        List<ReasonCount> reasons = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select reason, count(*) from incident where opened_at >= ? and opened_at < ?
                group by reason order by 2 desc, 1""")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reasons.add(new ReasonCount(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return reasons;
    }

    private static Map<Integer, Long> byHoursBucket(Connection c, Instant start, Instant end, int hoursPerBucket,
                                                    int lastBucket) throws SQLException {
        Map<Integer, Long> buckets = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select least(cast(floor(greatest(order_to_delivery_hours, 0) / ?) as int), ?), count(*)
                from order_journey
                where status = 'DELIVERED' and order_to_delivery_hours is not null
                  and delivered_at >= ? and delivered_at < ?
                group by 1""")) {
            s.setInt(1, hoursPerBucket);
            s.setInt(2, lastBucket);
            s.setTimestamp(3, Timestamp.from(start));
            s.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    buckets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return buckets;
    }

    private static Map<String, Funnel> byChannel(Connection c, Instant start, Instant end) throws SQLException {
        Map<String, Funnel> byChannel = new LinkedHashMap<>();
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
                    byChannel.put(rs.getString(1), new Funnel(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5)));
                }
            }
        }
        return byChannel;
    }

    private static List<Ratings> ratings(Connection c, Instant start, Instant end) throws SQLException {
        List<Ratings> ratings = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select on_time, count(*), avg(rating) from feedback
                where given_at >= ? and given_at < ? and on_time is not null
                group by on_time order by on_time desc""")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ratings.add(new Ratings(rs.getBoolean(1), rs.getLong(2), rs.getDouble(3)));
                }
            }
        }
        return ratings;
    }

    private static void bind(PreparedStatement s, Instant... instants) throws SQLException {
        for (int i = 0; i < instants.length; i++) {
            s.setTimestamp(i + 1, Timestamp.from(instants[i]));
        }
    }
}
