package dev.ordertracking.support;

import dev.ordertracking.support.OrderViews.NotificationHistoryEntry;
import dev.ordertracking.support.OrderViews.NotificationView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.ordertracking.platform.SqlValues.instant;

/**
 * Reads customer messages of an order with their status history, for support (notification/NotificationStore
 * writes them); inside the caller's transaction if any.
 */
@ApplicationScoped
public class NotificationViewStore {

    private static final String COLUMNS = """
            id, channel, milestone, shipment_id, locale, recipient, status, status_reason, subject, body,
            provider_id, provider_status, error_code, error_message, attempts, next_attempt_at, created_at,
            accepted_at, fallback_of, resend_of""";

    private final AgroalDataSource dataSource;

    public NotificationViewStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One message, if it belongs to this order. */
    public Optional<NotificationView> find(String orderId, UUID id) {
        return load("order_id = ? and id = ?", orderId, id).stream().findFirst();
    }

    /** An order's messages, oldest first: one parameter, the order id. */
    static final String OF_ORDER = "select " + COLUMNS + " from notification where order_id = ? order by created_at, id";

    /** The status history of an order's messages: one parameter, the order id. */
    static final String HISTORY_OF_ORDER = """
            select s.notification_id, s.status, s.at, s.provider_id, s.provider_status, s.error_code, s.error_message,
                s.detail
            from notification_status s join notification n on n.id = s.notification_id
            where n.order_id = ? order by s.id""";

    /** Two statements whatever the number of messages: the messages, then all their history. */
    private List<NotificationView> load(String where, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            List<Row> rows;
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from notification where " + where
                    + " order by created_at, id")) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rows = rows(rs);
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select notification_id, status, at, provider_id, provider_status, error_code, error_message, detail
                    from notification_status where notification_id = any(?) order by id""")) {
                s.setArray(1, c.createArrayOf("uuid", rows.stream().map(Row::id).toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    return views(rows, history(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading customer messages failed", e);
        }
    }

    static List<Row> rows(ResultSet rs) throws SQLException {
        List<Row> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(row(rs));
        }
        return rows;
    }

    static Map<UUID, List<NotificationHistoryEntry>> history(ResultSet rs) throws SQLException {
        Map<UUID, List<NotificationHistoryEntry>> history = new HashMap<>();
        while (rs.next()) {
            history.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new NotificationHistoryEntry(rs.getString(2), instant(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
        }
        return history;
    }

    static List<NotificationView> views(List<Row> rows, Map<UUID, List<NotificationHistoryEntry>> history) {
        return rows.stream().map(r -> r.view(history.getOrDefault(r.id(), List.of()))).toList();
    }

    record Row(UUID id, String channel, String milestone, String shipmentId, String locale, String recipient,
                       String status, String statusReason, String subject, String body, String providerId,
                       String providerStatus, String errorCode, String errorMessage, int attempts,
                       Instant nextAttemptAt, Instant createdAt, Instant acceptedAt, UUID fallbackOf, UUID resendOf) {

        NotificationView view(List<NotificationHistoryEntry> history) {
            return new NotificationView(id, channel, milestone, shipmentId, locale, recipient, status, statusReason,
                    OrderNotifications.preview(channel, subject, body), providerId, providerStatus, errorCode, errorMessage, attempts,
                    nextAttemptAt, createdAt, acceptedAt, fallbackOf, resendOf, List.copyOf(history));
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("milestone"),
                rs.getString("shipment_id"), rs.getString("locale"), rs.getString("recipient"), rs.getString("status"),
                rs.getString("status_reason"), rs.getString("subject"), rs.getString("body"),
                rs.getString("provider_id"), rs.getString("provider_status"), rs.getString("error_code"),
                rs.getString("error_message"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                instant(rs, "created_at"), instant(rs, "accepted_at"), rs.getObject("fallback_of", UUID.class),
                rs.getObject("resend_of", UUID.class));
    }
}
