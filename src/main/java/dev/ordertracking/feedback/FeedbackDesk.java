package dev.ordertracking.feedback;

import dev.ordertracking.journey.JourneyStore;
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
import java.util.Set;
import java.util.UUID;

/**
 * Takes a customer's rating of a delivered order, once. A rating of {@value #LOW_RATING} or less
 * opens a follow-up for support in the same transaction.
 */
@ApplicationScoped
public class FeedbackDesk {

    public static final int LOW_RATING = 2;

    /** What became of a rating. */
    public enum Outcome { RECORDED, ALREADY_GIVEN, NOT_DELIVERED }

    /** A rating given. */
    public record Given(int rating, String comment, Instant givenAt) {
    }

    private final AgroalDataSource dataSource;
    private final JourneyStore journeys;

    public FeedbackDesk(AgroalDataSource dataSource, JourneyStore journeys) {
        this.dataSource = dataSource;
        this.journeys = journeys;
    }

    @Transactional(rollbackOn = Exception.class)
    public Outcome give(String orderId, int rating, String comment, Instant now) throws SQLException {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be 1 to 5");
        }
        journeys.lockOrders(Set.of(orderId));
        try (Connection c = dataSource.getConnection()) {
            String customerId;
            Boolean onTime;
            try (PreparedStatement s = c.prepareStatement(
                    "select customer_id, on_time from order_journey where order_id = ? and status = 'DELIVERED'")) {
                s.setString(1, orderId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Outcome.NOT_DELIVERED;
                    }
                    customerId = rs.getString(1);
                    onTime = (Boolean) rs.getObject(2);
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into feedback (order_id, customer_id, rating, comment, on_time, given_at)
                    values (?, ?, ?, ?, ?, ?) on conflict (order_id) do nothing""")) {
                s.setString(1, orderId);
                s.setString(2, customerId);
                s.setInt(3, rating);
                s.setString(4, comment);
                s.setObject(5, onTime);
                s.setTimestamp(6, Timestamp.from(now));
                if (s.executeUpdate() == 0) {
                    return Outcome.ALREADY_GIVEN;
                }
            }
            if (rating <= LOW_RATING) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into follow_up (id, order_id, reason, detail, status, created_at)
                        values (?, ?, 'LOW_RATING', ?, 'OPEN', ?)""")) {
                    s.setObject(1, UUID.randomUUID());
                    s.setString(2, orderId);
                    s.setString(3, "rated " + rating + " of 5" + (Boolean.FALSE.equals(onTime) ? ", delivered late" : "")
                            + (comment == null || comment.isBlank() ? "" : ": " + comment));
                    s.setTimestamp(4, Timestamp.from(now));
                    s.executeUpdate();
                }
            }
        }
        return Outcome.RECORDED;
    }

    /** The rating an order was given, if any. */
    public Optional<Given> of(String orderId) throws SQLException {
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
