package dev.ordertracking.support;

import dev.ordertracking.platform.Refusal;
import dev.ordertracking.support.OrderViews.OrderSummary;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.Page;
import dev.ordertracking.support.OrderViews.TimelineEntry;
import dev.ordertracking.support.OrderViews.TimelinePage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads journeys for support and the customer's page. */
@ApplicationScoped
public class OrderQueries {

    private final OrderViewStore store;
    private final Clock clock;

    public OrderQueries(OrderViewStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Entries of the timeline one view holds unless asked for fewer or more. */
    public static final int TIMELINE_LIMIT = 50;
    /** The most entries of the timeline one view holds. */
    public static final int MAX_TIMELINE_LIMIT = 200;

    /**
     * Which part of an order's timeline to read: at most {@code limit} entries, the most recent ones
     * older than the event {@code before} (null: the newest), of the given {@code types} (empty: all).
     */
    public record TimelineWindow(String before, int limit, List<String> types) {

        public TimelineWindow {
            if (limit < 1 || limit > MAX_TIMELINE_LIMIT) {
                throw new IllegalArgumentException("a timeline page holds 1 to " + MAX_TIMELINE_LIMIT + " entries");
            }
            types = List.copyOf(types);
        }

        /** The newest entries, as many as a view holds by default. */
        public static TimelineWindow newest() {
            return new TimelineWindow(null, TIMELINE_LIMIT, List.of());
        }
    }

    /** An order with the newest part of its timeline. */
    public Optional<OrderView> find(String orderId) {
        return find(orderId, TimelineWindow.newest());
    }

    /**
     * An order with the part of its timeline the window names; empty when there is no such order.
     *
     * @throws Refusal.InvalidRequest when the window starts before an event the order does not have
     */
    public Optional<OrderView> find(String orderId, TimelineWindow window) {
        String types = window.types().isEmpty() ? null : String.join(",", window.types());
        // One more entry than the page holds tells whether any are older.
        return store.wholeOrder(orderId, types, window.before(), window.limit() + 1).map(order -> {
            List<TimelineEntry> newestFirst = order.newestFirst();
            if (window.before() != null && newestFirst.isEmpty() && !store.hasEvent(orderId, window.before())) {
                throw new Refusal.InvalidRequest("timelineBefore: order " + orderId + " has no event "
                        + window.before());
            }
            boolean older = newestFirst.size() > window.limit();
            List<TimelineEntry> timeline = new ArrayList<>(newestFirst.subList(0, Math.min(window.limit(),
                    newestFirst.size())));
            TimelinePage page = new TimelinePage(window.limit(), window.before(),
                    older ? timeline.get(timeline.size() - 1).eventId() : null, null);
            Collections.reverse(timeline);
            return order.view(timeline, page);
        });
    }

    /** Events stored for an order whose {@code order.placed} has not arrived yet. */
    public long waitingEvents(String orderId) {
        return store.events(orderId);
    }

    /** Whether there is an order of this id. */
    public boolean exists(String orderId) {
        return store.exists(orderId);
    }

    /** The order a tracking token opens. */
    public Optional<String> orderOfToken(String token) {
        return store.orderOfToken(token);
    }

    public Page<OrderSummary> search(OrderSearch search) {
        return store.search(search, clock.instant());
    }
}
