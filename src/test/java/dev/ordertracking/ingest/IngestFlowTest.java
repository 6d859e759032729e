package dev.ordertracking.ingest;

import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.ordertracking.testing.ContractEvents.cancelled;
import static dev.ordertracking.testing.ContractEvents.confirmed;
import static dev.ordertracking.testing.ContractEvents.placed;
import static dev.ordertracking.testing.ContractEvents.shipped;
import static dev.ordertracking.testing.ContractEvents.status;
import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static dev.ordertracking.testing.LocalKafka.header;
import static dev.ordertracking.testing.LocalKafka.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Contract events through the real broker into journeys in the real database. */
@QuarkusTest
class IngestFlowTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void journeyFromPlacedToDeliveredIsPublishedOnce() {
        String orderId = uniqueOrderId("FLOW");
        ConsumerTask<String, String> tracking = LocalKafka.companion().consumeStrings()
                .fromTopics("order-tracking.v1", Duration.ofSeconds(30));
        Instant placedAt = now.minus(3, ChronoUnit.HOURS);
        LocalDate promised = LocalDate.now().plusDays(5);
        send(placed(orderId, placedAt, promised));
        send(confirmed(orderId, placedAt.plusSeconds(60)));
        send(shipped(orderId, "S1", placedAt.plusSeconds(3600), promised.minusDays(1)));
        var delivered = status(orderId, "S1", "DELIVERED", placedAt.plusSeconds(7200));
        send(delivered);
        send(delivered); // a producer retry: same id, no second effect

        awaitOrder(orderId, "DELIVERED")
                .body("onTime", equalTo(true))
                .body("orderToDeliveryHours", equalTo(2.0f))
                .body("customer.timeZone", equalTo("Asia/Tehran"))
                .body("estimatedDeliveryDate", equalTo(promised.minusDays(1).toString()))
                .body("shipments", hasSize(1))
                .body("timeline.type", contains("order.placed", "order.confirmed", "shipment.created",
                        "shipment.status_changed"))
                .body("timeline[0].live", equalTo(true));

        await().atMost(Duration.ofSeconds(20)).until(() -> tracking.getRecords().stream()
                .anyMatch(r -> orderId.equals(r.key())));
        // and no second one follows (the duplicate DELIVERED had no effect)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> tracking.getRecords().stream()
                .filter(r -> orderId.equals(r.key())).count() == 1);
        tracking.stop();
        List<ConsumerRecord<String, String>> mine = tracking.getRecords().stream()
                .filter(r -> orderId.equals(r.key())).toList();
        assertEquals(1, mine.size(), "order.delivered published exactly once");
        String value = mine.get(0).value();
        assertEquals(true, value.contains("\"type\":\"order.delivered\""), value);
        assertEquals(true, value.contains("\"onTime\":true"), value);
    }

    @Test
    void shipmentEventsBeforeTheirOrderWaitAndApplyWhenItArrives() {
        String orderId = uniqueOrderId("EARLY");
        Instant placedAt = now.minus(1, ChronoUnit.DAYS);
        send(shipped(orderId, "S1", placedAt.plusSeconds(3600), null));
        send(status(orderId, "S1", "IN_TRANSIT", placedAt.plusSeconds(7200)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.support())
                .get("/api/orders/{id}", orderId).then().statusCode(404)
                .contentType("application/problem+json")
                .body("waitingEvents", equalTo(2)));

        send(placed(orderId, placedAt, LocalDate.now().plusDays(3)));
        awaitOrder(orderId, "IN_TRANSIT").body("timeline", hasSize(3));
    }

    @Test
    void olderEventArrivingLateNeverMovesTheStatusBack() {
        String orderId = uniqueOrderId("LATE");
        Instant placedAt = now.minus(2, ChronoUnit.DAYS);
        send(placed(orderId, placedAt, LocalDate.now().plusDays(3)));
        send(shipped(orderId, "S1", placedAt.plusSeconds(3600), null));
        send(status(orderId, "S1", "OUT_FOR_DELIVERY", placedAt.plusSeconds(9000)));
        String token = awaitOrder(orderId, "OUT_FOR_DELIVERY")
                .body("trackingToken", org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9_-]{22}"))
                .extract().path("trackingToken");

        send(status(orderId, "S1", "IN_TRANSIT", placedAt.plusSeconds(5000)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> order(orderId).body("timeline", hasSize(4)));
        order(orderId).body("status", equalTo("OUT_FOR_DELIVERY"))
                .body("trackingToken", equalTo(token)) // minted once, never replaced
                .body("timeline.type", contains("order.placed", "shipment.created", "shipment.status_changed",
                        "shipment.status_changed"))
                .body("timeline[2].details.status", equalTo("IN_TRANSIT"));
    }

    @Test
    void orderIsDeliveredOnlyWhenEveryShipmentIs() {
        String orderId = uniqueOrderId("MULTI");
        Instant placedAt = now.minus(2, ChronoUnit.DAYS);
        send(placed(orderId, placedAt, LocalDate.now().plusDays(3)));
        send(shipped(orderId, "A", placedAt.plusSeconds(3600), null));
        send(shipped(orderId, "B", placedAt.plusSeconds(3700), null));
        send(status(orderId, "A", "DELIVERED", placedAt.plusSeconds(20_000)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> order(orderId).body("timeline", hasSize(4)));
        order(orderId).body("status", equalTo("SHIPPED")).body("deliveredAt", equalTo(null));

        send(status(orderId, "B", "DELIVERED", placedAt.plusSeconds(30_000)));
        awaitOrder(orderId, "DELIVERED")
                .body("deliveredAt", equalTo(placedAt.plusSeconds(30_000).toString()));
    }

    @Test
    void historicalEventsAreMarkedAndCancelledDeliveriesAreFlagged() {
        String orderId = uniqueOrderId("HIST");
        Instant placedAt = now.minus(30, ChronoUnit.DAYS);
        send(placed(orderId, placedAt, LocalDate.now().minusDays(25)));
        send(shipped(orderId, "S1", placedAt.plusSeconds(3600), null));
        send(status(orderId, "S1", "DELIVERED", placedAt.plusSeconds(86_400)));
        send(cancelled(orderId, placedAt.plusSeconds(2 * 86_400)));

        awaitOrder(orderId, "CANCELLED")
                .body("onTime", equalTo(null))
                .body("timeline.live", contains(false, false, false, false))
                .body("anomalies.code", hasItem("DELIVERED_THEN_CANCELLED"));
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheRestFlows() {
        String orderId = uniqueOrderId("DLQ");
        ConsumerTask<String, String> dlq = LocalKafka.companion().consumeStrings()
                .fromTopics("orders.v1.dlq", Duration.ofSeconds(30));
        var badPhone = placed(orderId, now, LocalDate.now().plusDays(2));
        ((com.fasterxml.jackson.databind.node.ObjectNode) badPhone.get("data").get("customer")).put("phone", "0912 123");
        send(badPhone);
        send("orders.v1", orderId, "{not json".getBytes(StandardCharsets.UTF_8), List.of());
        var unknown = placed(orderId, now, LocalDate.now().plusDays(2)).put("type", "order.gift_wrapped");
        send(unknown);
        send(placed(orderId, now, LocalDate.now().plusDays(2)));

        awaitOrder(orderId, "PLACED");
        await().atMost(Duration.ofSeconds(20)).until(() -> dlq.getRecords().stream()
                .filter(r -> orderId.equals(r.key())).count() == 2);
        List<ConsumerRecord<String, String>> mine = dlq.getRecords().stream().filter(r -> orderId.equals(r.key())).toList();
        assertEquals("data.customer.phone '0912 123' is not an E.164 number", text(mine.get(0), "dlq-reason"));
        assertEquals("orders.v1", text(mine.get(0), "dlq-source-topic"));
        assertEquals(true, text(mine.get(1), "dlq-reason").startsWith("malformed JSON in value"));
        assertEquals("{not json", mine.get(1).value());
        assertEquals(true, Long.parseLong(text(mine.get(1), "dlq-source-offset")) >= 0);
        dlq.stop();

        Management.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("tracking_events_skipped_total{topic=\"orders.v1\",type=\"order.gift_wrapped\"}"));
    }

    @Test
    void binaryModeEventsAreAccepted() {
        String orderId = uniqueOrderId("BIN");
        var event = placed(orderId, now, LocalDate.now().plusDays(2));
        send("orders.v1", orderId, event.get("data").toString().getBytes(StandardCharsets.UTF_8), List.of(
                header("ce_specversion", "1.0"), header("ce_id", event.get("id").asText()),
                header("ce_source", "/shop/checkout"), header("ce_type", "order.placed"),
                header("ce_time", now.toString()), header("ce_subject", orderId),
                header("content-type", "application/json")));
        awaitOrder(orderId, "PLACED").body("timeline[0].source", equalTo("/shop/checkout"));
    }

    private static String text(ConsumerRecord<String, String> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static ValidatableResponse order(String orderId) {
        return given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", orderId).then();
    }

    static ValidatableResponse awaitOrder(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> order(orderId).statusCode(200).body("status", equalTo(status)));
        return order(orderId).body("orderId", notNullValue());
    }
}
