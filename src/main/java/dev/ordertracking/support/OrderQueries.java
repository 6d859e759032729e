package dev.ordertracking.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.support.OrderViews.CustomerView;
import dev.ordertracking.support.OrderViews.OrderSummary;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.Page;
import dev.ordertracking.support.OrderViews.ShipmentView;
import dev.ordertracking.support.OrderViews.TimelineEntry;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads journeys for support. */
@ApplicationScoped
public class OrderQueries {

    private final ObjectMapper json;
    private final Clock clock;
    private final OrderNotifications notifications;
    private final OrderIncidents incidents;
    private final FollowUps followUps;
    private final SupportNotes notes;

    public OrderQueries(ObjectMapper json, Clock clock, OrderNotifications notifications, OrderIncidents incidents,
                        FollowUps followUps, SupportNotes notes) {
        this.followUps = followUps;
        this.notes = notes;
        this.incidents = incidents;
        this.json = json;
        this.clock = clock;
        this.notifications = notifications;
    }

    public Optional<OrderView> find(String orderId) {
        OrderJourneyEntity o = OrderJourneyEntity.findById(orderId);
        if (o == null) {
            return Optional.empty();
        }
        List<ShipmentView> shipments = ShipmentEntity.<ShipmentEntity>list("orderId", Sort.by("shippedAt").and("shipmentId"),
                orderId).stream().map(this::shipment).toList();
        List<TimelineEntry> timeline = JourneyEventEntity.<JourneyEventEntity>list("orderId",
                        Sort.by("occurredAt").and("receivedAt").and("eventId"), orderId).stream()
                .map(e -> new TimelineEntry(e.eventId, e.type, e.occurredAt, e.receivedAt, e.live, e.source, tree(e.data)))
                .toList();
        return Optional.of(new OrderView(o.orderId, o.status, o.placedAt, o.confirmedAt, o.cancelledAt, o.cancelReason,
                o.promisedDeliveryDate, o.promiseDeadline, o.estimatedDeliveryDate, o.deliveredAt, o.onTime,
                o.deliveryTiming, o.orderToDeliveryHours, customer(o), tree(o.items), o.currency, o.total,
                tree(o.shippingAddress), shipments, tree(o.anomalies), timeline, o.trackingToken,
                notifications.ofOrder(orderId), incidents.ofOrder(orderId), incidents.coupons(orderId),
                followUps.feedback(orderId).orElse(null), followUps.ofOrder(orderId),
                notes.ofOrder(orderId)));
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

    private CustomerView customer(OrderJourneyEntity o) {
        return new CustomerView(o.customerId, o.customerFirstName, o.customerLastName, o.customerEmail, o.customerPhone,
                o.customerLocale, o.customerTimeZone);
    }

    private ShipmentView shipment(ShipmentEntity s) {
        return new ShipmentView(s.shipmentId, s.carrier, s.trackingNumber, s.carrierTrackingUrl, s.status, s.reason,
                s.description, s.location, s.estimatedDeliveryDate, s.shippedAt, s.deliveredAt, s.lastUpdateAt,
                tree(s.skus));
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }
}
