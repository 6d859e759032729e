package dev.ordertracking.support;

import dev.ordertracking.support.FollowUpService.FeedbackView;
import dev.ordertracking.support.FollowUpService.FollowUpView;
import dev.ordertracking.support.OrderViews.Page;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads follow-ups and ratings for support (feedback/FeedbackStore writes them). */
@ApplicationScoped
public class FollowUpViewStore {

    private static final String COLUMNS = "id, order_id, reason, detail, status, created_at, closed_at, close_note";

    /** An order's follow-ups: one parameter, the order id. */
    static final String OF_ORDER = "select " + COLUMNS + " from follow_up where order_id = ? order by created_at, id";

    /** An order's rating: one parameter, the order id. */
    static final String FEEDBACK_OF_ORDER = "select rating, comment, on_time, given_at from feedback where order_id = ?";

    private final AgroalDataSource dataSource;

    public FollowUpViewStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Follow-ups newest first, of one status or (null) all. */
    public Page<FollowUpView> page(String status, int page, int size) {
        List<FollowUpView> items = query("select " + COLUMNS + " from follow_up"
                + " where (cast(? as text) is null or status = ?) order by created_at desc, id limit ? offset ?",
                status, status, size, (long) page * size);
        long total = count(status);
        return new Page<>(items, page, size, total);
    }

    public List<FollowUpView> ofOrder(String orderId) {
        return query(OF_ORDER, orderId);
    }

    public Optional<FollowUpView> find(UUID id) {
        return query("select " + COLUMNS + " from follow_up where id = ?", id).stream().findFirst();
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
