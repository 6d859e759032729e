package dev.ordertracking.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.journey.DeliveryTiming;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.compensation.CouponEvents;
import dev.ordertracking.compensation.CouponKind;
import dev.ordertracking.outbox.CloudEventMessages;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingSettings;
import dev.ordertracking.publishing.OrderTrackingEvents;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the service publishes satisfies the contract's definitions of published events. */
class PublishedEventsSchemaTest {

    private static final Instant PLACED_AT = Instant.parse("2026-11-20T09:15:00Z");
    private static final Instant DELIVERED_AT = Instant.parse("2026-11-25T13:42:07.250Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-11-26");

    /** An order.delivered event with the JSON shape OrderTrackingEvents writes, built by hand. */
    static ObjectNode orderDelivered() {
        double hours = Duration.between(PLACED_AT, DELIVERED_AT).toMillis() / 3_600_000.0;
        ObjectNode event = ContractSchema.JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.nameUUIDFromBytes(("A1001|order.delivered|" + DELIVERED_AT)
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .put("source", "/order-tracking-service")
                .put("type", "order.delivered")
                .put("time", Instant.parse("2026-11-25T13:42:09.123456Z").toString())
                .put("subject", "A1001")
                .put("datacontenttype", "application/json");
        event.putObject("data")
                .put("orderId", "A1001")
                .put("deliveredAt", DELIVERED_AT.toString())
                .put("promisedDeliveryDate", PROMISED.toString())
                .put("onTime", true)
                .put("orderToDeliveryHours", hours);
        return event;
    }

    @Test
    void orderDeliveredAsBuiltByHandIsAValidPublishedEvent() {
        ObjectNode event = orderDelivered();
        assertEquals(List.of(), ContractSchema.def("publishedEvent").validate(event));
        assertEquals(List.of(), ContractSchema.def("orderDeliveredEvent").validate(event));
        assertEquals(List.of(), ContractSchema.def("orderDeliveredData").validate(event.get("data")));
        assertEquals(List.of(), ContractSchema.validate(event));
        assertFalse(ContractSchema.def("incomingEvent").validate(event).isEmpty(), "not an incoming type");
    }

    @Test
    void orderDeliveredNeedsEveryFieldTheContractLists() {
        for (String field : List.of("orderId", "deliveredAt", "promisedDeliveryDate", "onTime", "orderToDeliveryHours")) {
            ObjectNode event = orderDelivered();
            ((ObjectNode) event.get("data")).remove(field);
            assertFalse(ContractSchema.def("publishedEvent").validate(event).isEmpty(), "without " + field);
        }
        ObjectNode unknownTiming = orderDelivered();
        ((ObjectNode) unknownTiming.get("data")).putNull("onTime");
        assertFalse(ContractSchema.def("publishedEvent").validate(unknownTiming).isEmpty(), "onTime null");
    }

    @Test
    void orderDeliveredAsWrittenByOrderTrackingEventsIsValid() throws Exception {
        double hours = Duration.between(PLACED_AT, DELIVERED_AT).toMillis() / 3_600_000.0;
        Journey delivered = new Journey("A1001", OrderStatus.DELIVERED, null, List.of(), "EUR", null, null,
                PLACED_AT, null, null, null, PROMISED, null, null, DELIVERED_AT, DeliveryTiming.EARLY, hours,
                List.of(), List.of(), 4, DELIVERED_AT, DELIVERED_AT);
        OrderTrackingEvents events = new OrderTrackingEvents(new CloudEventMessages(ContractSchema.JSON),
                config("orderTracking", "order-tracking.v1"));

        List<OutboxMessage> out = events.of(new JourneyChange(Optional.empty(), delivered),
                Instant.parse("2026-11-25T13:42:09.123456Z"));

        assertEquals(1, out.size());
        assertEquals("order-tracking.v1", out.get(0).topic());
        assertEquals("A1001", out.get(0).key(), "keyed by order id");
        JsonNode event = ContractSchema.JSON.readTree(out.get(0).payload());
        assertEquals(List.of(), ContractSchema.def("publishedEvent").validate(event));
        assertEquals(List.of(), ContractSchema.def("orderDeliveredEvent").validate(event));
        assertEquals(fieldNames(orderDelivered().get("data")), fieldNames(event.get("data")),
                "the hand-built sample has the same shape");
    }

    @Test
    void orderDelayDetectedSampleIsAValidPublishedEvent() {
        ObjectNode event = orderDelivered().put("type", "order.delay_detected")
                .put("id", "6f1c2b9e-4d3a-4e8f-9b0a-2c7d5e1f3a84");
        event.putObject("data")
                .put("orderId", "A1001")
                .put("reason", "WEATHER")
                .put("promisedDeliveryDate", "2026-11-26")
                .put("newEstimatedDeliveryDate", "2026-11-28")
                .put("detectedAt", "2026-11-24T06:40:02Z");
        assertEquals(List.of(), ContractSchema.def("publishedEvent").validate(event));
        ((ObjectNode) event.get("data")).put("newEstimatedDeliveryDate", "2026-11-28T00:00:00Z");
        assertFalse(ContractSchema.def("publishedEvent").validate(event).isEmpty());
    }

    @Test
    void orderDelayDetectedAsWrittenByOrderTrackingEventsIsValid() throws Exception {
        OrderTrackingEvents events = new OrderTrackingEvents(new CloudEventMessages(ContractSchema.JSON),
                config("orderTracking", "order-tracking.v1"));
        UUID incident = UUID.randomUUID();
        OutboxMessage out = events.delayDetected("A1001", incident, "WEATHER", PROMISED, PROMISED.plusDays(3),
                Instant.parse("2026-11-24T06:40:02.5Z"));
        JsonNode event = ContractSchema.JSON.readTree(out.payload());
        assertEquals(List.of(), ContractSchema.def("orderDelayDetectedEvent").validate(event));
        assertEquals(List.of(), ContractSchema.def("publishedEvent").validate(event));
        assertEquals("A1001", out.key());
        assertEquals(event.get("id"), ContractSchema.JSON.readTree(events.delayDetected("A1001", incident, "WEATHER",
                PROMISED, PROMISED.plusDays(3), Instant.parse("2026-11-24T07:00:00Z")).payload()).get("id"),
                "the same finding is the same event");
    }

    @Test
    void couponIssuedAsWrittenByCouponEventsIsValid() throws Exception {
        CouponEvents events = new CouponEvents(new CloudEventMessages(ContractSchema.JSON),
                config("customerCompensation", "customer-compensation.v1"));
        for (CouponKind kind : CouponKind.values()) {
            OutboxMessage out = events.issued(UUID.randomUUID(), "A1001", "C42", "SORRY-7KQ3-MZ2P-X9RT", kind,
                    new java.math.BigDecimal(kind == CouponKind.PERCENT ? "15.0000" : "5.5000"),
                    kind == CouponKind.PERCENT ? null : "EUR", Instant.parse("2026-12-24T20:29:59Z"), "DELAY",
                    UUID.randomUUID(), Instant.parse("2026-11-24T06:40:02Z"));
            assertEquals("customer-compensation.v1", out.topic());
            JsonNode event = ContractSchema.JSON.readTree(out.payload());
            assertEquals(List.of(), ContractSchema.def("couponIssuedEvent").validate(event), kind.name());
            assertEquals(List.of(), ContractSchema.def("publishedEvent").validate(event), kind.name());
            assertEquals(kind == CouponKind.PERCENT ? "15" : "5.5", event.at("/data/value").asText());
        }
        OutboxMessage thanks = events.issued(UUID.randomUUID(), "A1001", "C42", "SORRY-7KQ3-MZ2P-X9RT",
                CouponKind.PERCENT, java.math.BigDecimal.TEN, null, Instant.parse("2027-01-24T20:29:59Z"), "LOYALTY",
                null, Instant.parse("2026-11-24T06:40:02Z"));
        JsonNode loyalty = ContractSchema.JSON.readTree(thanks.payload());
        assertEquals(List.of(), ContractSchema.def("couponIssuedEvent").validate(loyalty), "a thank-you coupon");
        assertTrue(loyalty.at("/data/incidentId").isNull());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A configuration whose topics answer only {@code topicMethod}, the one the class under test reads. */
    private static TrackingSettings config(String topicMethod, String topic) {
        TrackingSettings.Topics topics = (TrackingSettings.Topics) Proxy.newProxyInstance(
                TrackingSettings.class.getClassLoader(), new Class<?>[]{TrackingSettings.Topics.class},
                (proxy, method, args) -> {
                    if (method.getName().equals(topicMethod)) {
                        return topic;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (TrackingSettings) Proxy.newProxyInstance(TrackingSettings.class.getClassLoader(),
                new Class<?>[]{TrackingSettings.class}, (proxy, method, args) -> {
                    if (method.getName().equals("topics")) {
                        return topics;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
