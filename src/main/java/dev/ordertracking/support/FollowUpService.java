package dev.ordertracking.support;

import dev.ordertracking.feedback.FeedbackStore;
import dev.ordertracking.platform.Refusal;
import dev.ordertracking.support.OrderViews.Page;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Support's follow-ups (opened by a low rating) and the ratings customers gave. */
@ApplicationScoped
public class FollowUpService {

    /** A follow-up for support; {@code detail} carries the rating and comment. */
    public record FollowUpView(UUID id, String orderId, String reason, String detail, String status,
                               Instant createdAt, Instant closedAt, String closeNote) {
    }

    /** The customer's rating of the order. */
    public record FeedbackView(int rating, String comment, Boolean onTime, Instant givenAt) {
    }

    private final FollowUpViewStore views;
    private final FeedbackStore feedback;

    public FollowUpService(FollowUpViewStore views, FeedbackStore feedback) {
        this.views = views;
        this.feedback = feedback;
    }

    public Page<FollowUpView> page(String status, int page, int size) {
        return views.page(status, page, size);
    }

    public List<FollowUpView> ofOrder(String orderId) {
        return views.ofOrder(orderId);
    }

    /** Closes a follow-up; closing a closed one changes nothing. */
    public FollowUpView close(UUID id, String note, Instant now) {
        try {
            feedback.closeFollowUp(id, note, now);
        } catch (SQLException e) {
            throw new IllegalStateException("closing a follow-up failed", e);
        }
        return views.find(id).orElseThrow(() -> new Refusal.Unknown("no follow-up " + id));
    }
}
