package dev.ordertracking.feedback;

import dev.ordertracking.feedback.FeedbackService.Given;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Owns {@code feedback} (one rating per order) and {@code follow_up} (what support should look at
 * because of a rating): a low rating opens a follow-up, support closes it.
 */
@ApplicationScoped
public class FeedbackStore {

    /** A delivered order as a rating needs it; {@code onTime} is null when the order had no promise. */
    public record DeliveredOrder(String customerId, Boolean onTime) {
    }

    private final AgroalDataSource dataSource;

    public FeedbackStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The order, when it is delivered. */
    public Optional<DeliveredOrder> delivered(String orderId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select customer_id, on_time from order_journey where order_id = ? and status = 'DELIVERED'")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new DeliveredOrder(rs.getString(1), (Boolean) rs.getObject(2)))
                        : Optional.empty();
            }
        }
    }

    /** Records the order's rating; false when it was rated already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(String orderId, DeliveredOrder order, int rating, String comment, Instant now)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into feedback (order_id, customer_id, rating, comment, on_time, given_at)
                     values (?, ?, ?, ?, ?, ?) on conflict (order_id) do nothing""")) {
            s.setString(1, orderId);
            s.setString(2, order.customerId());
            s.setInt(3, rating);
            s.setString(4, comment);
            s.setObject(5, order.onTime());
            s.setTimestamp(6, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    /** Opens a follow-up for support, in the transaction that recorded the rating behind it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void openFollowUp(String orderId, String reason, String detail, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into follow_up (id, order_id, reason, detail, status, created_at)
                     values (?, ?, ?, ?, 'OPEN', ?)""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, orderId);
            s.setString(3, reason);
            s.setString(4, detail);
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Closes a follow-up; closing a closed one (or one that does not exist) changes nothing. */
    public void closeFollowUp(UUID id, String note, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update follow_up set status = 'CLOSED', closed_at = ?, close_note = ? where id = ? and status = 'OPEN'")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, note);
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    /** The rating an order was given, if any. */
    public Optional<Given> given(String orderId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select rating, comment, given_at from feedback where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Given(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        }
    }
}
