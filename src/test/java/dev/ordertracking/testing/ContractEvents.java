package dev.ordertracking.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds contract events (events-v1) for tests; each call gets a fresh event id. */
public final class ContractEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private ContractEvents() {
    }

    public static ObjectNode event(String type, String orderId, Instant time, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/shop/test")
                .put("type", type)
                .put("time", time.toString())
                .put("subject", orderId)
                .put("datacontenttype", "application/json");
        e.set("data", data);
        return e;
    }

    public static ObjectNode placed(String orderId, Instant placedAt, LocalDate promised) {
        ObjectNode data = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("placedAt", placedAt.toString())
                .put("promisedDeliveryDate", promised.toString())
                .put("currency", "EUR")
                .put("total", "24.90");
        data.putObject("customer")
                .put("id", "C-" + orderId)
                .put("firstName", "Sara")
                .put("lastName", "Ahmadi")
                .put("email", orderId.toLowerCase() + "@example.com")
                .put("phone", "+98912" + String.format("%07d", Math.abs(orderId.hashCode()) % 10_000_000))
                .put("locale", "fa-IR")
                .put("timeZone", "Asia/Tehran");
        ArrayNode items = data.putArray("items");
        items.addObject().put("sku", "CUP-4").put("name", "Espresso cups (set of 4)").put("quantity", 1)
                .put("unitPrice", "24.90");
        data.putObject("shippingAddress").put("line1", "12 Vali-e Asr Ave").put("city", "Tehran")
                .put("postalCode", "1511").put("country", "IR");
        return event("order.placed", orderId, placedAt, data);
    }

    public static ObjectNode confirmed(String orderId, Instant at) {
        return event("order.confirmed", orderId, at,
                JSON.createObjectNode().put("orderId", orderId).put("confirmedAt", at.toString()));
    }

    public static ObjectNode cancelled(String orderId, Instant at) {
        return event("order.cancelled", orderId, at, JSON.createObjectNode().put("orderId", orderId)
                .put("cancelledAt", at.toString()).put("reason", "customer_request"));
    }

    public static ObjectNode shipped(String orderId, String shipmentId, Instant at, LocalDate estimate) {
        ObjectNode data = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("shipmentId", shipmentId)
                .put("carrier", "DHL")
                .put("trackingNumber", "JD" + shipmentId)
                .put("carrierTrackingUrl", "https://carrier.example/track/JD" + shipmentId)
                .put("shippedAt", at.toString());
        if (estimate != null) {
            data.put("estimatedDeliveryDate", estimate.toString());
        }
        data.putArray("skus").add("CUP-4");
        return event("shipment.created", orderId, at, data);
    }

    /**
     * The events of the n-th order of a mixed stream (as the replica and fault tests send it): placed,
     * confirmed and shipped; then every third delayed by its carrier (an exception with a later
     * estimate), every third delivered, every third with a promise already broken (found by the
     * deadline watch).
     */
    public static List<ObjectNode> mixedJourney(String orderId, int n, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<ObjectNode> events = new ArrayList<>();
        boolean broken = n % 3 == 2;
        events.add(placed(orderId, now, broken ? today.minusDays(1) : today.plusDays(3)));
        events.add(confirmed(orderId, now));
        events.add(shipped(orderId, "S1", now, today.plusDays(2)));
        if (n % 3 == 0) {
            ObjectNode exception = status(orderId, "S1", "EXCEPTION", now);
            ((ObjectNode) exception.get("data")).put("reason", "WEATHER")
                    .put("estimatedDeliveryDate", today.plusDays(6).toString());
            events.add(exception);
        } else if (n % 3 == 1) {
            events.add(status(orderId, "S1", "DELIVERED", now));
        }
        return events;
    }

    public static ObjectNode status(String orderId, String shipmentId, String status, Instant at) {
        ObjectNode data = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("shipmentId", shipmentId)
                .put("status", status)
                .put("occurredAt", at.toString());
        return event("shipment.status_changed", orderId, at, data);
    }

    public static String uniqueOrderId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
