package dev.ordertracking.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Maps one Olist order to the contract events it implies (see the Olist README's mapping table),
 * optionally moved forward in time so that an old history looks recent.
 */
public final class OlistEventMapper {

    public static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    public static final String ORDERS_TOPIC = "orders.v1";
    public static final String SHIPMENTS_TOPIC = "shipments.v1";
    public static final String SOURCE = "/olist/replay";
    public static final String CARRIER = "Olist Logistics";

    public static final String ORDER_PLACED = "order.placed";
    public static final String ORDER_CONFIRMED = "order.confirmed";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String SHIPMENT_CREATED = "shipment.created";
    public static final String SHIPMENT_STATUS_CHANGED = "shipment.status_changed";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private final Period shift;

    public OlistEventMapper() {
        this(Period.ZERO);
    }

    public OlistEventMapper(long shiftDays) {
        this(Period.ofDays(Math.toIntExact(shiftDays)));
    }

    /** {@code shift} is added to every source date and wall-clock time before it becomes an instant. */
    public OlistEventMapper(Period shift) {
        this.shift = Objects.requireNonNull(shift);
    }

    public Period shift() {
        return shift;
    }

    /** All events of all orders, each order's events in time order, orders in the given order. */
    public List<ContractEvent> mapAll(List<OlistOrder> orders) {
        List<ContractEvent> events = new ArrayList<>();
        orders.forEach(order -> events.addAll(map(order)));
        return events;
    }

    /** The order's events in time order (a stable sort: ties keep the order placed, confirmed, shipped, delivered, cancelled). */
    public List<ContractEvent> map(OlistOrder order) {
        String orderId = order.orderId();
        if (order.purchase() == null) {
            throw new IllegalArgumentException("order " + orderId + " has no purchase timestamp");
        }
        Instant placedAt = instant(order.purchase());
        Instant approvedAt = instant(order.approved());
        Instant shippedAt = instant(order.carrier());
        Instant deliveredAt = instant(order.delivered());
        String shipmentId = orderId + "-1";

        List<Pending> pending = new ArrayList<>();
        pending.add(new Pending(placedAt, ORDERS_TOPIC, ORDER_PLACED, null, placed(order, placedAt)));
        if (approvedAt != null) {
            pending.add(new Pending(approvedAt, ORDERS_TOPIC, ORDER_CONFIRMED, null,
                    new OrderConfirmed(orderId, approvedAt.toString())));
        }
        if (shippedAt != null) {
            List<String> skus = order.items().stream().map(OlistOrder.Item::productId).toList();
            pending.add(new Pending(shippedAt, SHIPMENTS_TOPIC, SHIPMENT_CREATED, shipmentId,
                    new ShipmentCreated(orderId, shipmentId, CARRIER, trackingNumber(orderId), shippedAt.toString(),
                            skus.isEmpty() ? null : skus)));
        }
        if (deliveredAt != null) {
            pending.add(new Pending(deliveredAt, SHIPMENTS_TOPIC, SHIPMENT_STATUS_CHANGED, shipmentId,
                    new ShipmentStatusChanged(orderId, shipmentId, "DELIVERED", deliveredAt.toString())));
        }
        if ("canceled".equals(order.status()) || "unavailable".equals(order.status())) {
            // The source has no cancellation time: put it just after everything that is known to have happened.
            Instant cancelledAt = Stream.of(placedAt, approvedAt, shippedAt, deliveredAt)
                    .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElseThrow()
                    .plus(Duration.ofMinutes(1));
            pending.add(new Pending(cancelledAt, ORDERS_TOPIC, ORDER_CANCELLED, null,
                    new OrderCancelled(orderId, cancelledAt.toString(), order.status())));
        }
        pending.sort(Comparator.comparing(Pending::time));
        return pending.stream().map(p -> p.toEvent(orderId)).toList();
    }

    /** A source wall-clock time, shifted, as an instant; null stays null. */
    public Instant instant(LocalDateTime saoPauloTime) {
        return saoPauloTime == null ? null : saoPauloTime.plus(shift).atZone(SAO_PAULO).toInstant();
    }

    public LocalDate date(LocalDate date) {
        return date == null ? null : date.plus(shift);
    }

    /** Same name-based UUID for the same order, type and shipment, whatever the shift: a second replay is a duplicate. */
    public static String eventId(String orderId, String type, String shipmentId) {
        String name = orderId + "|" + type + "|" + (shipmentId == null ? "" : shipmentId);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A fictional Sao Paulo mobile number, stable per customer (String.hashCode is fixed by the JLS). */
    public static String phone(String customerUniqueId) {
        return String.format(Locale.ROOT, "+55119%08d", Math.floorMod(customerUniqueId.hashCode(), 100_000_000));
    }

    public static String email(String customerUniqueId) {
        return "c-" + prefix(customerUniqueId, 16) + "@customers.example.com";
    }

    static String trackingNumber(String orderId) {
        return "OL" + prefix(orderId, 14).toUpperCase(Locale.ROOT);
    }

    private OrderPlaced placed(OlistOrder order, Instant placedAt) {
        Customer customer = new Customer(order.customerUniqueId(), "Cliente", null, email(order.customerUniqueId()),
                phone(order.customerUniqueId()), "pt-BR", SAO_PAULO.getId());
        List<Item> items = order.items().stream()
                .map(i -> new Item(i.productId(), "Produto " + prefix(i.productId(), 8), 1, i.price().toPlainString()))
                .toList();
        // 775 sample orders (mostly unavailable/canceled) have no item rows: leave the optional
        // items/currency/total out rather than claim a total of 0.00.
        String total = items.isEmpty() ? null : order.items().stream()
                .map(i -> i.price().add(i.freight()))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP).toPlainString();
        LocalDate promised = date(order.estimatedDeliveryDate());
        return new OrderPlaced(order.orderId(), placedAt.toString(), promised == null ? null : promised.toString(),
                customer, items.isEmpty() ? null : items, items.isEmpty() ? null : "BRL", total,
                new Address(order.city(), order.zipPrefix(), order.state(), "BR"));
    }

    private static String prefix(String value, int length) {
        return value.substring(0, Math.min(length, value.length()));
    }

    private record Pending(Instant time, String topic, String type, String shipmentId, Object data) {

        ContractEvent toEvent(String orderId) {
            CloudEvent event = new CloudEvent("1.0", eventId(orderId, type, shipmentId), SOURCE, type,
                    time.toString(), orderId, "application/json", data);
            try {
                return new ContractEvent(topic, orderId, JSON.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + type + " of order " + orderId, e);
            }
        }
    }

    // The wire shapes of events-v1.md; Jackson writes record components in declaration order.
    record CloudEvent(String specversion, String id, String source, String type, String time, String subject,
                      String datacontenttype, Object data) {
    }

    record OrderPlaced(String orderId, String placedAt, String promisedDeliveryDate, Customer customer,
                       List<Item> items, String currency, String total, Address shippingAddress) {
    }

    record Customer(String id, String firstName, String lastName, String email, String phone, String locale,
                    String timeZone) {
    }

    record Item(String sku, String name, int quantity, String unitPrice) {
    }

    /** {@code region}: the customer's state, which transit times depend on most. */
    record Address(String city, String postalCode, String region, String country) {
    }

    record OrderConfirmed(String orderId, String confirmedAt) {
    }

    record OrderCancelled(String orderId, String cancelledAt, String reason) {
    }

    record ShipmentCreated(String orderId, String shipmentId, String carrier, String trackingNumber, String shippedAt,
                           List<String> skus) {
    }

    record ShipmentStatusChanged(String orderId, String shipmentId, String status, String occurredAt) {
    }
}
