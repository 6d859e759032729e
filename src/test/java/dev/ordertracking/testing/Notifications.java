package dev.ordertracking.testing;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The notification rows of an order, as stored, for assertions. */
public final class Notifications {

    public record Row(String id, String milestone, String channel, String shipmentId, String status, String reason,
                      String recipient, String body, String subject, String providerId, String errorCode,
                      int attempts, Instant nextAttemptAt, String fallbackOf, String dedupKey) {

        public String key() {
            return milestone + "/" + channel;
        }
    }

    private Notifications() {
    }

    public static List<Row> of(AgroalDataSource dataSource, String orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select id::text, milestone, channel, shipment_id, status, status_reason, recipient, body, subject,
                         provider_id, error_code, attempts, next_attempt_at, fallback_of::text, dedup_key
                     from notification where order_id = ? order by created_at, milestone, channel""")) {
            s.setString(1, orderId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp next = rs.getTimestamp(13);
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getInt(12), next == null ? null : next.toInstant(),
                            rs.getString(14), rs.getString(15)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Row one(AgroalDataSource dataSource, String orderId, String milestone, String channel) {
        return of(dataSource, orderId).stream()
                .filter(r -> r.milestone().equals(milestone) && r.channel().equals(channel))
                .reduce((a, b) -> {
                    throw new AssertionError("two " + milestone + "/" + channel + " messages for " + orderId);
                })
                .orElse(null);
    }

    /** Status history of one message, oldest first, as STATUS[:errorCode]. */
    public static List<String> history(AgroalDataSource dataSource, String notificationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select status, error_code from notification_status where notification_id = ?::uuid order by id""")) {
            s.setString(1, notificationId);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + (rs.getString(2) == null ? "" : ":" + rs.getString(2)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
