package dev.ordertracking.devtools;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the newest stored customer messages, full text included, for the dev messages page. */
@ApplicationScoped
@IfBuildProperty(name = "tracking.dev.messages-page", stringValue = "true")
public class DevMessageStore {

    public record DevMessage(UUID id, String orderId, String customerId, String milestone, String channel,
                             String shipmentId, String dedupKey, String recipient, String locale, String timeZone,
                             String status, String statusReason, String subject, String body, int attempts,
                             Instant nextAttemptAt, String providerId, String providerStatus, String errorCode,
                             String errorMessage, Instant createdAt, Instant updatedAt, Instant acceptedAt,
                             UUID fallbackOf, UUID resendOf) {
    }

    private final AgroalDataSource dataSource;

    public DevMessageStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<DevMessage> latest(int limit) {
        try {
            return query(limit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored messages", e);
        }
    }

    private List<DevMessage> query(int limit) throws SQLException {
        List<DevMessage> messages = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select id, order_id, customer_id, milestone, channel, shipment_id, dedup_key, recipient, locale,
                         time_zone, status, status_reason, subject, body, attempts, next_attempt_at, provider_id,
                         provider_status, error_code, error_message, created_at, updated_at, accepted_at,
                         fallback_of, resend_of
                     from notification order by created_at desc, id limit ?""")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    messages.add(new DevMessage(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                            rs.getString(14), rs.getInt(15), instant(rs, 16), rs.getString(17), rs.getString(18),
                            rs.getString(19), rs.getString(20), instant(rs, 21), instant(rs, 22), instant(rs, 23),
                            rs.getObject(24, UUID.class), rs.getObject(25, UUID.class)));
                }
            }
        }
        return messages;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
