package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ordertracking.support.OrderViews.CustomerView;
import dev.ordertracking.support.OrderViews.OrderSummary;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.Page;
import dev.ordertracking.support.OrderViews.ShipmentView;
import dev.ordertracking.support.OrderViews.TimelineEntry;
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
    private static final String TIMELINE = """
            select event_id, type, occurred_at, received_at, live, source, data
            from journey_event where order_id = ? order by occurred_at, received_at, event_id""";
    /**
     * Everything support sees of an order, as statements sent together: one round trip to the
     * database and one snapshot (they run in one implicit transaction). Each takes the order id.
     */
    private static final List<String> WHOLE_ORDER = List.of(ORDER, SHIPMENTS, TIMELINE, OrderNotifications.OF_ORDER,
            OrderNotifications.HISTORY_OF_ORDER, OrderIncidents.OF_ORDER, OrderIncidents.SIGNALS_OF_ORDER,
            OrderIncidents.COUPONS_OF_ORDER, FollowUps.FEEDBACK_OF_ORDER, FollowUps.OF_ORDER, SupportNotes.OF_ORDER);
    private static final String WHOLE_ORDER_SQL = String.join(";\n", WHOLE_ORDER);

    public Optional<OrderView> find(String orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(WHOLE_ORDER_SQL)) {
            for (int i = 1; i <= WHOLE_ORDER.size(); i++) {
                s.setString(i, orderId);
            }
            s.execute();
            Results results = new Results(s);
            OrderRow order = results.next(this::order);
            if (order == null) {
                return Optional.empty();
            }
            List<ShipmentView> shipments = results.next(this::shipments);
            List<TimelineEntry> timeline = results.next(this::timeline);
            var messages = results.next(OrderNotifications::rows);
            var history = results.next(OrderNotifications::history);
            var incidentRows = results.next(OrderIncidents::rows);
            var signals = results.next(OrderIncidents::signals);
            var coupons = results.next(OrderIncidents::coupons);
            var feedback = results.next(FollowUps::feedback);
            var followUps = results.next(FollowUps::followUps);
            var notes = results.next(SupportNotes::notes);
            return Optional.of(order.view(shipments, timeline, OrderNotifications.views(messages, history),
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

        OrderView view(List<ShipmentView> shipments, List<TimelineEntry> timeline,
                       List<OrderViews.NotificationView> notifications, List<IncidentViews.IncidentView> incidents,
                       List<IncidentViews.CouponView> coupons, FollowUps.FeedbackView feedback,
                       List<FollowUps.FollowUpView> followUps, List<SupportNotes.NoteView> notes) {
            return new OrderView(orderId, status, placedAt, confirmedAt, cancelledAt, cancelReason,
                    promisedDeliveryDate, promiseDeadline, estimatedDeliveryDate, deliveredAt, onTime, deliveryTiming,
                    orderToDeliveryHours, customer, items, currency, total, shippingAddress, shipments, anomalies,
                    timeline, trackingToken, notifications, incidents, coupons, feedback, followUps, notes);
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
                    rs.getBoolean(5), rs.getString(6), tree(rs.getString(7))));
        }
        return timeline;
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
