package dev.ordertracking.feedback;

import dev.ordertracking.journey.JourneyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Takes a customer's rating of a delivered order, once. A rating of {@value #LOW_RATING} or less
 * opens a follow-up for support in the same transaction.
 */
@ApplicationScoped
public class FeedbackService {

    public static final int LOW_RATING = 2;

    /** What became of a rating. */
    public enum Outcome { RECORDED, ALREADY_GIVEN, NOT_DELIVERED }

    /** A rating given. */
    public record Given(int rating, String comment, Instant givenAt) {
    }

    private final FeedbackStore store;
    private final JourneyStore journeys;

    public FeedbackService(FeedbackStore store, JourneyStore journeys) {
        this.store = store;
        this.journeys = journeys;
    }

    @Transactional(rollbackOn = Exception.class)
    public Outcome give(String orderId, int rating, String comment, Instant now) throws SQLException {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be 1 to 5");
        }
        journeys.lockOrders(Set.of(orderId));
        Optional<FeedbackStore.DeliveredOrder> order = store.delivered(orderId);
        if (order.isEmpty()) {
            return Outcome.NOT_DELIVERED;
        }
        if (!store.record(orderId, order.get(), rating, comment, now)) {
            return Outcome.ALREADY_GIVEN;
        }
        if (rating <= LOW_RATING) {
            store.openFollowUp(orderId, "LOW_RATING", "rated " + rating + " of 5"
                    + (Boolean.FALSE.equals(order.get().onTime()) ? ", delivered late" : "")
                    + (comment == null || comment.isBlank() ? "" : ": " + comment), now);
        }
        return Outcome.RECORDED;
    }

    /** The rating an order was given, if any. */
    public Optional<Given> of(String orderId) throws SQLException {
        return store.given(orderId);
    }
}
