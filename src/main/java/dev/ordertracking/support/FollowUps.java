package dev.ordertracking.support;

import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.OrderViews.Page;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Support's follow-ups (opened by a low rating) and the ratings customers gave. */
@ApplicationScoped
public class FollowUps {

    /** A follow-up for support; {@code detail} carries the rating and comment. */
    public record FollowUpView(UUID id, String orderId, String reason, String detail, String status,
                               Instant createdAt, Instant closedAt, String closeNote) {
    }

    /** The customer's rating of the order. */
    public record FeedbackView(int rating, String comment, Boolean onTime, Instant givenAt) {
    }

    private static final String COLUMNS = "id, order_id, reason, detail, status, created_at, closed_at, close_note";

    private final AgroalDataSource dataSource;

    public FollowUps(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<FollowUpView> page(String status, int page, int size) {
        List<FollowUpView> items = query("select " + COLUMNS + " from follow_up where (cast(? as text) is null or status = ?)"
                + " order by created_at desc, id limit ? offset ?", status, status, size, (long) page * size);
        long total = count(status);
        return new Page<>(items, page, size, total);
    }

    /** An order's follow-ups: one parameter, the order id. */
    static final String OF_ORDER = "select " + COLUMNS + " from follow_up where order_id = ? order by created_at, id";

    /** An order's rating: one parameter, the order id. */
    static final String FEEDBACK_OF_ORDER = "select rating, comment, on_time, given_at from feedback where order_id = ?";

    public List<FollowUpView> ofOrder(String orderId) {
        return query(OF_ORDER, orderId);
    }

    public Optional<FeedbackView> feedback(String orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(FEEDBACK_OF_ORDER)) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return feedback(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading feedback failed", e);
        }
    }

    static Optional<FeedbackView> feedback(ResultSet rs) throws SQLException {
        return rs.next() ? Optional.of(new FeedbackView(rs.getInt(1), rs.getString(2),
                (Boolean) rs.getObject(3), rs.getTimestamp(4).toInstant())) : Optional.empty();
    }

    static List<FollowUpView> followUps(ResultSet rs) throws SQLException {
        List<FollowUpView> rows = new ArrayList<>();
        while (rs.next()) {
            Timestamp closed = rs.getTimestamp(7);
            rows.add(new FollowUpView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                    closed == null ? null : closed.toInstant(), rs.getString(8)));
        }
        return rows;
    }

    /** Closes a follow-up; closing a closed one changes nothing. */
    public FollowUpView close(UUID id, String note, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update follow_up set status = 'CLOSED', closed_at = ?, close_note = ? where id = ? and status = 'OPEN'")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, note);
            s.setObject(3, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("closing a follow-up failed", e);
        }
        return query("select " + COLUMNS + " from follow_up where id = ?", id).stream().findFirst()
                .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "no follow-up " + id));
    }

    private long count(String status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from follow_up where (cast(? as text) is null or status = ?)")) {
            s.setString(1, status);
            s.setString(2, status);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting follow-ups failed", e);
        }
    }

    private List<FollowUpView> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return followUps(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading follow-ups failed", e);
        }
    }
}
