package dev.ordertracking.testing;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes customer messages and their history straight into the tables, as the dispatcher would
 * have left them, so readers can be tested on exact rows. Statuses that are done (SENT, DELIVERED,
 * SUPPRESSED, ...) are never picked up by a dispatcher, so such rows stay as written.
 */
public final class NotificationRows {

    private NotificationRows() {
    }

    public static Builder message(String orderId, String milestone, String channel) {
        return new Builder(orderId, milestone, channel);
    }

    /** Every column of one stored message, by column name. */
    public static Map<String, Object> row(AgroalDataSource dataSource, UUID id) {
        List<Map<String, Object>> rows = query(dataSource, "select * from notification where id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A message's history rows, oldest first, by column name. */
    public static List<Map<String, Object>> history(AgroalDataSource dataSource, UUID id) {
        return query(dataSource, "select * from notification_status where notification_id = ? order by id", id);
    }

    public static List<Map<String, Object>> query(AgroalDataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(meta.getColumnName(i), value instanceof Timestamp t ? t.toInstant() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {

        private record History(String status, Instant at, String providerId, String providerStatus,
                               String errorCode, String errorMessage, String detail) {
        }

        private final UUID id = UUID.randomUUID();
        private final String orderId;
        private final String milestone;
        private final String channel;
        private String customerId;
        private String shipmentId;
        private String dedupKey;
        private String recipient;
        private String locale = "fa-IR";
        private String timeZone = "Asia/Tehran";
        private String status = "DELIVERED";
        private String statusReason;
        private String subject;
        private String body;
        private int attempts = 1;
        private Instant createdAt = Instant.now();
        private String providerId;
        private String providerStatus;
        private String errorCode;
        private String errorMessage;
        private String causeEventId = UUID.randomUUID().toString();
        private Instant acceptedAt;
        private final List<History> history = new ArrayList<>();

        private Builder(String orderId, String milestone, String channel) {
            this.orderId = orderId;
            this.milestone = milestone;
            this.channel = channel;
            this.customerId = "C-" + orderId;
        }

        public Builder shipment(String shipmentId) {
            this.shipmentId = shipmentId;
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder locale(String locale, String timeZone) {
            this.locale = locale;
            this.timeZone = timeZone;
            return this;
        }

        public Builder status(String status, String reason) {
            this.status = status;
            this.statusReason = reason;
            return this;
        }

        public Builder text(String subject, String body) {
            this.subject = subject;
            this.body = body;
            return this;
        }

        public Builder provider(String providerId, String providerStatus, Instant acceptedAt) {
            this.providerId = providerId;
            this.providerStatus = providerStatus;
            this.acceptedAt = acceptedAt;
            return this;
        }

        public Builder error(String code, String message) {
            this.errorCode = code;
            this.errorMessage = message;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder cause(String eventId) {
            this.causeEventId = eventId;
            return this;
        }

        public Builder history(String status, Instant at, String detail) {
            return history(status, at, null, null, null, null, detail);
        }

        public Builder history(String status, Instant at, String providerId, String providerStatus, String errorCode,
                               String errorMessage, String detail) {
            history.add(new History(status, at, providerId, providerStatus, errorCode, errorMessage, detail));
            return this;
        }

        /** The dedup key the planner would give it: order/milestone[/shipment]/channel. */
        public String dedupKey() {
            return dedupKey != null ? dedupKey
                    : orderId + "/" + milestone + (shipmentId == null ? "" : "/" + shipmentId) + "/" + channel;
        }

        public UUID insert(AgroalDataSource dataSource) {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into notification (id, order_id, customer_id, milestone, channel, shipment_id,
                            dedup_key, recipient, locale, time_zone, status, status_reason, subject, body, attempts,
                            next_attempt_at, provider_id, provider_status, error_code, error_message, cause_event_id,
                            cause_occurred_at, cause_received_at, created_at, updated_at, accepted_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    Timestamp created = Timestamp.from(createdAt);
                    int i = 1;
                    s.setObject(i++, id);
                    s.setString(i++, orderId);
                    s.setString(i++, customerId);
                    s.setString(i++, milestone);
                    s.setString(i++, channel);
                    s.setString(i++, shipmentId);
                    s.setString(i++, dedupKey());
                    s.setString(i++, recipient);
                    s.setString(i++, locale);
                    s.setString(i++, timeZone);
                    s.setString(i++, status);
                    s.setString(i++, statusReason);
                    s.setString(i++, subject);
                    s.setString(i++, body);
                    s.setInt(i++, attempts);
                    s.setTimestamp(i++, created);
                    s.setString(i++, providerId);
                    s.setString(i++, providerStatus);
                    s.setString(i++, errorCode);
                    s.setString(i++, errorMessage);
                    s.setString(i++, causeEventId);
                    s.setTimestamp(i++, Timestamp.from(createdAt.minusSeconds(5)));
                    s.setTimestamp(i++, Timestamp.from(createdAt.minusSeconds(1)));
                    s.setTimestamp(i++, created);
                    s.setTimestamp(i++, created);
                    s.setTimestamp(i, acceptedAt == null ? null : Timestamp.from(acceptedAt));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("""
                        insert into notification_status (notification_id, status, at, provider_id, provider_status,
                            error_code, error_message, detail) values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    for (History h : history) {
                        s.setObject(1, id);
                        s.setString(2, h.status());
                        s.setTimestamp(3, Timestamp.from(h.at()));
                        s.setString(4, h.providerId());
                        s.setString(5, h.providerStatus());
                        s.setString(6, h.errorCode());
                        s.setString(7, h.errorMessage());
                        s.setString(8, h.detail());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return id;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
