package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.OrderViews.CustomerView;
import dev.ordertracking.support.OrderViews.OrderSummary;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.Page;
import dev.ordertracking.support.OrderViews.ShipmentView;
import dev.ordertracking.support.OrderViews.TimelineEntry;
import dev.ordertracking.support.OrderViews.TimelinePage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.ordertracking.platform.SqlValues.date;
import static dev.ordertracking.platform.SqlValues.instant;

/** Reads journeys for support. */
@ApplicationScoped
public class OrderQueries {

    private final ObjectMapper json;
    private final Clock clock;
    private final AgroalDataSource dataSource;

    public OrderQueries(ObjectMapper json, Clock clock, AgroalDataSource dataSource) {
        this.json = json;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    private static final String ORDER = """
            select order_id, status, placed_at, confirmed_at, cancelled_at, cancel_reason, promised_delivery_date,
                promise_deadline, estimated_delivery_date, delivered_at, on_time, delivery_timing,
                order_to_delivery_hours, customer_id, customer_first_name, customer_last_name, customer_email,
                customer_phone, customer_locale, customer_time_zone, items, currency, total, shipping_address,
                anomalies, tracking_token
            from order_journey where order_id = ?""";
    private static final String SHIPMENTS = """
            select shipment_id, carrier, tracking_number, carrier_tracking_url, status, reason, description, location,
                estimated_delivery_date, shipped_at, delivered_at, last_update_at, skus
            from shipment where order_id = ? order by shipped_at, shipment_id""";
    /**
     * One page of the timeline, newest first: the entries of the given types (null: all) older than
     * the cursor event (null: from the newest), one more than the page holds to tell whether any are
     * older. Takes the order id, the types twice, the cursor twice, and the row limit.
     */
    private static final String TIMELINE = """
            select e.event_id, e.type, e.occurred_at, e.received_at, e.live, e.source,
                case when e.type = 'shipment.status_changed' then e.data->>'status' end, e.data
            from journey_event e where e.order_id = ?
              and (cast(? as text) is null or e.type = any(string_to_array(cast(? as text), ',')))
              and (cast(? as text) is null or (e.occurred_at, e.received_at, e.event_id) < (
                  select c.occurred_at, c.received_at, c.event_id from journey_event c
                  where c.event_id = cast(? as text) and c.order_id = e.order_id))
            order by e.occurred_at desc, e.received_at desc, e.event_id desc
            limit ?""";
    /** Where the timeline statement stands among those sent together. */
    private static final int TIMELINE_STATEMENT = 2;
    /**
     * Everything support sees of an order, as statements sent together: one round trip to the
     * database and one snapshot (they run in one implicit transaction). Each takes the order id
     * (the timeline more, see {@link #TIMELINE}).
     */
    private static final List<String> WHOLE_ORDER = List.of(ORDER, SHIPMENTS, TIMELINE, OrderNotifications.OF_ORDER,
            OrderNotifications.HISTORY_OF_ORDER, OrderIncidents.OF_ORDER, OrderIncidents.SIGNALS_OF_ORDER,
            OrderIncidents.COUPONS_OF_ORDER, FollowUps.FEEDBACK_OF_ORDER, FollowUps.OF_ORDER, SupportNotes.OF_ORDER);
    private static final String WHOLE_ORDER_SQL = String.join(";\n", WHOLE_ORDER);

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
     * @throws ProblemException 400 when the window starts before an event the order does not have
     */
    public Optional<OrderView> find(String orderId, TimelineWindow window) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(WHOLE_ORDER_SQL)) {
            String types = window.types().isEmpty() ? null : String.join(",", window.types());
            int p = 1;
            for (int i = 0; i < WHOLE_ORDER.size(); i++) {
                s.setString(p++, orderId);
                if (i == TIMELINE_STATEMENT) {
                    s.setString(p++, types);
                    s.setString(p++, types);
                    s.setString(p++, window.before());
                    s.setString(p++, window.before());
                    s.setInt(p++, window.limit() + 1);
                }
            }
            s.execute();
            Results results = new Results(s);
            OrderRow order = results.next(this::order);
            if (order == null) {
                return Optional.empty();
            }
            List<ShipmentView> shipments = results.next(this::shipments);
            List<TimelineEntry> newestFirst = results.next(this::timeline);
            var messages = results.next(OrderNotifications::rows);
            var history = results.next(OrderNotifications::history);
            var incidentRows = results.next(OrderIncidents::rows);
            var signals = results.next(OrderIncidents::signals);
            var coupons = results.next(OrderIncidents::coupons);
            var feedback = results.next(FollowUps::feedback);
            var followUps = results.next(FollowUps::followUps);
            var notes = results.next(SupportNotes::notes);
            if (window.before() != null && newestFirst.isEmpty() && !hasEvent(c, orderId, window.before())) {
                throw ProblemException.badRequest("timelineBefore: order " + orderId + " has no event "
                        + window.before());
            }
            boolean older = newestFirst.size() > window.limit();
            List<TimelineEntry> timeline = new ArrayList<>(newestFirst.subList(0, Math.min(window.limit(),
                    newestFirst.size())));
            TimelinePage page = new TimelinePage(window.limit(), window.before(),
                    older ? timeline.get(timeline.size() - 1).eventId() : null, null);
            Collections.reverse(timeline);
            return Optional.of(order.view(shipments, timeline, page, OrderNotifications.views(messages, history),
                    OrderIncidents.views(incidentRows, signals), coupons, feedback.orElse(null), followUps, notes));
        } catch (SQLException e) {
            throw new IllegalStateException("reading order " + orderId + " failed", e);
        }
    }

    /** The result sets of statements sent together, read in the order they were sent. */
    private static final class Results {
        private final PreparedStatement statement;
        private boolean first = true;

        Results(PreparedStatement statement) {
            this.statement = statement;
        }

        <T> T next(ResultReader<T> reader) throws SQLException {
            if (!first && !statement.getMoreResults()) {
                throw new SQLException("fewer results than statements");
            }
            first = false;
            try (ResultSet rs = statement.getResultSet()) {
                return reader.read(rs);
            }
        }
    }

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The order's own row, waiting for the rest of its story. */
    private record OrderRow(String orderId, String status, Instant placedAt, Instant confirmedAt, Instant cancelledAt,
                            String cancelReason, LocalDate promisedDeliveryDate, Instant promiseDeadline,
                            LocalDate estimatedDeliveryDate, Instant deliveredAt, Boolean onTime,
                            String deliveryTiming, Double orderToDeliveryHours, CustomerView customer,
                            JsonNode items, String currency, BigDecimal total, JsonNode shippingAddress,
                            JsonNode anomalies, String trackingToken) {

        OrderView view(List<ShipmentView> shipments, List<TimelineEntry> timeline, TimelinePage timelinePage,
                       List<OrderViews.NotificationView> notifications, List<IncidentViews.IncidentView> incidents,
                       List<IncidentViews.CouponView> coupons, FollowUps.FeedbackView feedback,
                       List<FollowUps.FollowUpView> followUps, List<SupportNotes.NoteView> notes) {
            return new OrderView(orderId, status, placedAt, confirmedAt, cancelledAt, cancelReason,
                    promisedDeliveryDate, promiseDeadline, estimatedDeliveryDate, deliveredAt, onTime, deliveryTiming,
                    orderToDeliveryHours, customer, items, currency, total, shippingAddress, shipments, anomalies,
                    timeline, timelinePage, trackingToken, notifications, incidents, coupons, feedback, followUps, notes);
        }
    }

    private OrderRow order(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        return new OrderRow(rs.getString("order_id"), rs.getString("status"), instant(rs, "placed_at"),
                instant(rs, "confirmed_at"), instant(rs, "cancelled_at"), rs.getString("cancel_reason"),
                date(rs, "promised_delivery_date"), instant(rs, "promise_deadline"),
                date(rs, "estimated_delivery_date"), instant(rs, "delivered_at"), rs.getObject("on_time", Boolean.class),
                rs.getString("delivery_timing"), rs.getObject("order_to_delivery_hours", Double.class),
                new CustomerView(rs.getString("customer_id"), rs.getString("customer_first_name"),
                        rs.getString("customer_last_name"), rs.getString("customer_email"),
                        rs.getString("customer_phone"), rs.getString("customer_locale"),
                        rs.getString("customer_time_zone")),
                tree(rs.getString("items")), rs.getString("currency"), rs.getBigDecimal("total"),
                tree(rs.getString("shipping_address")), tree(rs.getString("anomalies")),
                rs.getString("tracking_token"));
    }

    private List<ShipmentView> shipments(ResultSet rs) throws SQLException {
        List<ShipmentView> shipments = new ArrayList<>();
        while (rs.next()) {
            shipments.add(new ShipmentView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), date(rs, 9), instant(rs, 10),
                    instant(rs, 11), instant(rs, 12), tree(rs.getString(13))));
        }
        return shipments;
    }

    private List<TimelineEntry> timeline(ResultSet rs) throws SQLException {
        List<TimelineEntry> timeline = new ArrayList<>();
        while (rs.next()) {
            timeline.add(new TimelineEntry(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
                    rs.getBoolean(5), rs.getString(6), rs.getString(7), tree(rs.getString(8))));
        }
        return timeline;
    }

    private static boolean hasEvent(Connection c, String orderId, String eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select 1 from journey_event where order_id = ? and event_id = ?")) {
            s.setString(1, orderId);
            s.setString(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Events stored for an order whose {@code order.placed} has not arrived yet. */
    public long waitingEvents(String orderId) {
        return JourneyEventEntity.count("orderId", orderId);
    }

    public Page<OrderSummary> search(OrderSearch search) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        search.email().ifPresent(v -> {
            where.add("lower(customerEmail) = lower(:email)");
            params.put("email", v);
        });
        search.phone().ifPresent(v -> {
            where.add("customerPhone = :phone");
            params.put("phone", v);
        });
        search.trackingNumber().ifPresent(v -> {
            where.add("orderId in (select s.orderId from ShipmentEntity s where s.trackingNumber = :tracking)");
            params.put("tracking", v);
        });
        search.status().ifPresent(v -> {
            where.add("status = :status");
            params.put("status", v.name());
        });
        search.late().ifPresent(late -> {
            // Late: delivered after the promised day, or still open past the promise deadline.
            where.add(late
                    ? "(coalesce(onTime, true) = false or (status not in ('DELIVERED', 'CANCELLED') and promiseDeadline < :now))"
                    : "(coalesce(onTime, true) = true and (status in ('DELIVERED', 'CANCELLED') or promiseDeadline >= :now))");
            params.put("now", clock.instant());
        });
        String query = where.isEmpty() ? "" : String.join(" and ", where);
        var found = OrderJourneyEntity.<OrderJourneyEntity>find(query, Sort.descending("placedAt").and("orderId"), params);
        List<OrderSummary> items = found.page(search.page(), search.size()).list().stream().map(this::summary).toList();
        return new Page<>(items, search.page(), search.size(), found.count());
    }

    private OrderSummary summary(OrderJourneyEntity o) {
        String name = java.util.stream.Stream.of(o.customerFirstName, o.customerLastName)
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "));
        return new OrderSummary(o.orderId, o.status, o.customerId, name.isEmpty() ? null : name, o.customerEmail,
                o.customerPhone, o.placedAt, o.promisedDeliveryDate, o.estimatedDeliveryDate, o.deliveredAt, o.onTime);
    }

    /**
     * A JSON column as it is stored, written into the response as it is: PostgreSQL's jsonb is
     * valid JSON already, and parsing it only to write it again is most of a lookup's JSON work.
     */
    private JsonNode tree(String text) {
        return text == null ? null : json.getNodeFactory().rawValueNode(new RawValue(text));
    }
}
