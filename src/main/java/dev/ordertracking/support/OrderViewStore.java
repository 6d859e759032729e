package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ordertracking.support.FollowUpService.FeedbackView;
import dev.ordertracking.support.FollowUpService.FollowUpView;
import dev.ordertracking.support.IncidentViews.CouponView;
import dev.ordertracking.support.IncidentViews.IncidentView;
import dev.ordertracking.support.OrderViews.CustomerView;
import dev.ordertracking.support.OrderViews.NotificationView;
import dev.ordertracking.support.OrderViews.OrderSummary;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.Page;
import dev.ordertracking.support.OrderViews.ShipmentView;
import dev.ordertracking.support.OrderViews.TimelineEntry;
import dev.ordertracking.support.OrderViews.TimelinePage;
import dev.ordertracking.support.SupportNoteService.NoteView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ordertracking.platform.SqlValues.date;
import static dev.ordertracking.platform.SqlValues.instant;

/**
 * Reads orders for support and the customer's page: the whole of one order in one round trip, the
 * search, and the small look-ups around them. Journeys and their events are written by
 * journey/JourneyStore only.
 */
@ApplicationScoped
public class OrderViewStore {

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
     * the cursor event (null: from the newest). Takes the order id, the types twice, the cursor twice,
     * and the row limit.
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
    private static final List<String> WHOLE_ORDER = List.of(ORDER, SHIPMENTS, TIMELINE,
            NotificationViewStore.OF_ORDER, NotificationViewStore.HISTORY_OF_ORDER, IncidentViewStore.OF_ORDER,
            IncidentViewStore.SIGNALS_OF_ORDER, IncidentViewStore.COUPONS_OF_ORDER,
            FollowUpViewStore.FEEDBACK_OF_ORDER, FollowUpViewStore.OF_ORDER, SupportNoteStore.OF_ORDER);
    private static final String WHOLE_ORDER_SQL = String.join(";\n", WHOLE_ORDER);

    private static final String SUMMARY = """
            select order_id, status, customer_id, customer_first_name, customer_last_name, customer_email,
                customer_phone, placed_at, promised_delivery_date, estimated_delivery_date, delivered_at, on_time
            from order_journey""";

    /**
     * An order as read in one snapshot, its timeline newest first as the statement returned it.
     * {@link #view} gives it the part of the timeline to show.
     */
    record WholeOrder(OrderRow order, List<ShipmentView> shipments, List<TimelineEntry> newestFirst,
                      List<NotificationView> notifications, List<IncidentView> incidents, List<CouponView> coupons,
                      Optional<FeedbackView> feedback, List<FollowUpView> followUps, List<NoteView> notes) {

        OrderView view(List<TimelineEntry> timeline, TimelinePage page) {
            OrderRow o = order;
            return new OrderView(o.orderId(), o.status(), o.placedAt(), o.confirmedAt(), o.cancelledAt(),
                    o.cancelReason(), o.promisedDeliveryDate(), o.promiseDeadline(), o.estimatedDeliveryDate(),
                    o.deliveredAt(), o.onTime(), o.deliveryTiming(), o.orderToDeliveryHours(), o.customer(), o.items(),
                    o.currency(), o.total(), o.shippingAddress(), shipments, o.anomalies(), timeline, page,
                    o.trackingToken(), notifications, incidents, coupons, feedback.orElse(null), followUps, notes,
                    null); // the forecast is the forecasting feature's: OrderView.withForecast adds it
        }
    }

    /** The order's own row, waiting for the rest of its story. */
    record OrderRow(String orderId, String status, Instant placedAt, Instant confirmedAt, Instant cancelledAt,
                    String cancelReason, LocalDate promisedDeliveryDate, Instant promiseDeadline,
                    LocalDate estimatedDeliveryDate, Instant deliveredAt, Boolean onTime,
                    String deliveryTiming, Double orderToDeliveryHours, CustomerView customer,
                    JsonNode items, String currency, BigDecimal total, JsonNode shippingAddress,
                    JsonNode anomalies, String trackingToken) {
    }

    /** The order's phone and e-mail as they are now. */
    public record Contact(String phone, String email) {
    }

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;

    public OrderViewStore(ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
    }

    /**
     * The order with at most {@code rows} timeline entries of the given types (comma-separated, null:
     * all) older than the event {@code before} (null: the newest); empty when there is no such order.
     */
    Optional<WholeOrder> wholeOrder(String orderId, String types, String before, int rows) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(WHOLE_ORDER_SQL)) {
            int p = 1;
            for (int i = 0; i < WHOLE_ORDER.size(); i++) {
                s.setString(p++, orderId);
                if (i == TIMELINE_STATEMENT) {
                    s.setString(p++, types);
                    s.setString(p++, types);
                    s.setString(p++, before);
                    s.setString(p++, before);
                    s.setInt(p++, rows);
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
            var messages = results.next(NotificationViewStore::rows);
            var history = results.next(NotificationViewStore::history);
            var incidentRows = results.next(IncidentViewStore::rows);
            var signals = results.next(IncidentViewStore::signals);
            var coupons = results.next(IncidentViewStore::coupons);
            var feedback = results.next(FollowUpViewStore::feedback);
            var followUps = results.next(FollowUpViewStore::followUps);
            var notes = results.next(SupportNoteStore::notes);
            return Optional.of(new WholeOrder(order, shipments, newestFirst,
                    NotificationViewStore.views(messages, history), IncidentViewStore.views(incidentRows, signals),
                    coupons, feedback, followUps, notes));
        } catch (SQLException e) {
            throw new IllegalStateException("reading order " + orderId + " failed", e);
        }
    }

    /** Whether the order has this event. */
    public boolean hasEvent(String orderId, String eventId) {
        return exists("select 1 from journey_event where order_id = ? and event_id = ?", orderId, eventId);
    }

    public boolean exists(String orderId) {
        return exists("select 1 from order_journey where order_id = ?", orderId);
    }

    /** Events stored for an order, placed or not. */
    public long events(String orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from journey_event where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the events of order " + orderId + " failed", e);
        }
    }

    /** The order a tracking token opens: one equality on a unique index. */
    public Optional<String> orderOfToken(String token) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select order_id from order_journey where tracking_token = ?")) {
            s.setString(1, token);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up a tracking token failed", e);
        }
    }

    /** The order's contact as it is now (a customer may have changed it since a message was sent). */
    public Optional<Contact> contact(String orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select customer_phone, customer_email from order_journey where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Contact(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the contact of order " + orderId + " failed", e);
        }
    }

    /**
     * Orders matching every filter given, newest first. Late: delivered after the promised day, or
     * still open past the promise deadline at {@code now}.
     */
    public Page<OrderSummary> search(OrderSearch search, Instant now) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        search.email().ifPresent(v -> {
            where.add("lower(customer_email) = lower(?)");
            params.add(v);
        });
        search.phone().ifPresent(v -> {
            where.add("customer_phone = ?");
            params.add(v);
        });
        search.trackingNumber().ifPresent(v -> {
            where.add("order_id in (select s.order_id from shipment s where s.tracking_number = ?)");
            params.add(v);
        });
        search.status().ifPresent(v -> {
            where.add("status = ?");
            params.add(v.name());
        });
        search.late().ifPresent(late -> {
            where.add(late
                    ? "(coalesce(on_time, true) = false or (status not in ('DELIVERED', 'CANCELLED') and promise_deadline < ?))"
                    : "(coalesce(on_time, true) = true and (status in ('DELIVERED', 'CANCELLED') or promise_deadline >= ?))");
            params.add(Timestamp.from(now));
        });
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        try (Connection c = dataSource.getConnection()) {
            List<OrderSummary> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SUMMARY + filter
                    + " order by placed_at desc, order_id limit ? offset ?")) {
                int p = bind(s, params);
                s.setInt(p++, search.size());
                s.setLong(p, (long) search.page() * search.size());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(summary(rs));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select count(*) from order_journey" + filter)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Page<>(items, search.page(), search.size(), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("searching orders failed", e);
        }
    }

    private static int bind(PreparedStatement s, List<Object> params) throws SQLException {
        int p = 1;
        for (Object param : params) {
            s.setObject(p++, param);
        }
        return p;
    }

    private static OrderSummary summary(ResultSet rs) throws SQLException {
        String name = Stream.of(rs.getString("customer_first_name"), rs.getString("customer_last_name"))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "));
        return new OrderSummary(rs.getString("order_id"), rs.getString("status"), rs.getString("customer_id"),
                name.isEmpty() ? null : name, rs.getString("customer_email"), rs.getString("customer_phone"),
                instant(rs, "placed_at"), date(rs, "promised_delivery_date"), date(rs, "estimated_delivery_date"),
                instant(rs, "delivered_at"), rs.getObject("on_time", Boolean.class));
    }

    private boolean exists(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading orders failed", e);
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

    /**
     * A JSON column as it is stored, written into the response as it is: PostgreSQL's jsonb is
     * valid JSON already, and parsing it only to write it again is most of a lookup's JSON work.
     */
    private JsonNode tree(String text) {
        return text == null ? null : json.getNodeFactory().rawValueNode(new RawValue(text));
    }
}
