package dev.ordertracking.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.ordertracking.testing.ContractEvents.placed;
import static dev.ordertracking.testing.ContractEvents.status;
import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits ingestion puts on what one record or one order may bring, through the real broker:
 * times beyond our clock, record size, events per order and the characters of an order id. What
 * is beyond a limit is dead-lettered with a reason naming it; what is within it is applied.
 */
@QuarkusTest
class IngestLimitsTest {

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @ConfigProperty(name = "tracking.ingest.max-events-per-order")
    int maxEventsPerOrder;

    @ConfigProperty(name = "tracking.ingest.max-record-bytes")
    int maxRecordBytes;

    @Test
    void eventsDatedBeyondOurClockAndTheSkewAreDeadLettered() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String orderId = uniqueOrderId("FUTURE");
        Sent in2099 = send(placed(orderId, Instant.parse("2099-01-01T10:00:00Z"), LocalDate.of(2099, 1, 5)));
        Sent soon = send(placed(orderId, now.plus(1, ChronoUnit.HOURS), LocalDate.now().plusDays(4)));
        ObjectNode lateStatus = status(orderId, "S1", "DELIVERED", now);
        ((ObjectNode) lateStatus.get("data")).put("occurredAt", "2099-01-01T10:00:00Z");
        Sent statusIn2099 = send(lateStatus);

        awaitStored(soon.eventId());
        assertTrue(awaitReason(in2099).startsWith("time 2099-01-01T10:00:00Z is more than PT24H ahead of our clock"),
                awaitReason(in2099));
        assertTrue(awaitReason(statusIn2099).startsWith("data.occurredAt 2099-01-01T10:00:00Z is more than PT24H ahead"),
                awaitReason(statusIn2099));
        assertNull(reason(soon), "an hour ahead is within the skew");
    }

    @Test
    void theSkewIsMeasuredOnTheServicesClock() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.travelTo(now.minus(3, ChronoUnit.DAYS));
        try {
            Sent event = send(placed(uniqueOrderId("SKEW"), now, LocalDate.now().plusDays(4)));
            assertTrue(awaitReason(event).startsWith("time " + now + " is more than PT24H ahead"), awaitReason(event));
        } finally {
            clock.reset();
        }
    }

    @Test
    void recordsLargerThanTheLimitAreDeadLetteredAndSmallerOnesApplied() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode large = placed(uniqueOrderId("LARGE"), now, LocalDate.now().plusDays(4));
        ((ObjectNode) large.get("data")).put("giftNote", "x".repeat(maxRecordBytes - 2_000)); // unknown fields are kept
        ObjectNode tooLarge = placed(uniqueOrderId("TOOLARGE"), now, LocalDate.now().plusDays(4));
        ((ObjectNode) tooLarge.get("data")).put("giftNote", "x".repeat(maxRecordBytes));
        Sent within = send(large);
        Sent beyond = send(tooLarge);

        awaitStored(within.eventId());
        assertEquals("record is larger than " + maxRecordBytes + " bytes (value, key and headers)", awaitReason(beyond));
    }

    @Test
    void anOrderHoldsAtMostTheConfiguredNumberOfEvents() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.DAYS);
        String orderId = uniqueOrderId("CROWDED");
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        List<ObjectNode> events = new ArrayList<>();
        events.add(placed(orderId, start, LocalDate.now().plusDays(4)));
        for (int i = 1; i < maxEventsPerOrder + 3; i++) {
            events.add(status(orderId, "S1", "IN_TRANSIT", start.plusSeconds(i)));
        }
        for (ObjectNode e : events) { // in several batches as the consumer polls
            futures.add(LocalKafka.producer().send(new ProducerRecord<>(LocalKafka.SHIPMENTS, orderId,
                    e.toString().getBytes(StandardCharsets.UTF_8))));
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            RecordMetadata m = futures.get(i).get(10, TimeUnit.SECONDS);
            sent.add(new Sent(m.topic(), m.partition(), m.offset(), events.get(i).get("id").asText()));
        }
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() ->
                assertEquals(3, countDeadLetters(sent), "events beyond the cap are dead-lettered"));
        assertEquals(maxEventsPerOrder, FlowSupport.storedEvents(db, orderId));
        for (Sent s : sent) {
            String reason = reason(s);
            if (reason != null) {
                assertEquals("order " + orderId + " already holds " + maxEventsPerOrder
                        + " events, the most one order may have (tracking.ingest.max-events-per-order)", reason);
            }
        }

        // An event the order already holds, sent again, is a duplicate, not beyond the cap.
        Sent again = send(LocalKafka.SHIPMENTS, orderId, events.get(1));
        Sent marker = send(placed(uniqueOrderId("AFTER"), Instant.now(), LocalDate.now().plusDays(4)));
        awaitStored(marker.eventId());
        assertNull(reason(again));
    }

    @Test
    void orderIdsOutsideTheContractsCharactersAreDeadLettered() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Sent> refused = new ArrayList<>();
        for (String id : List.of("x/../../orders/OTHER", "..", "a b", "ORD#1", "ORD?x=1", "50%25", "-lead",
                "Z".repeat(65), "ünicode")) {
            refused.add(send(placed(id, now, LocalDate.now().plusDays(4))));
        }
        List<Sent> taken = new ArrayList<>();
        String olistLike = java.util.UUID.randomUUID().toString().replace("-", ""); // 32 hex digits
        String longest = (uniqueOrderId("L") + "Z".repeat(64)).substring(0, 64);
        for (String id : List.of(olistLike, uniqueOrderId("shop:ORD_1.2"), longest)) {
            taken.add(send(placed(id, now, LocalDate.now().plusDays(4))));
        }
        for (Sent s : taken) {
            awaitStored(s.eventId());
        }
        for (Sent s : refused) {
            assertTrue(awaitReason(s).contains("is not an order id (1-64 letters, digits, '-', '_', '.' or ':', "
                    + "starting with a letter or digit)"), awaitReason(s));
        }
    }

    private record Sent(String topic, int partition, long offset, String eventId) {
    }

    private static Sent send(ObjectNode event) throws Exception {
        String topic = event.get("type").asText().startsWith("shipment.") ? LocalKafka.SHIPMENTS : LocalKafka.ORDERS;
        return send(topic, event.get("subject").asText(), event);
    }

    private static Sent send(String topic, String key, ObjectNode event) throws Exception {
        RecordMetadata m = LocalKafka.producer().send(new ProducerRecord<>(topic, key,
                event.toString().getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        return new Sent(m.topic(), m.partition(), m.offset(), event.get("id").asText());
    }

    private void awaitStored(String eventId) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            try (Connection c = db.getConnection();
                 PreparedStatement s = c.prepareStatement("select 1 from journey_event where event_id = ?")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next(), "event " + eventId + " is stored");
                }
            }
        });
    }

    private String awaitReason(Sent sent) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertNotNull(reason(sent), "dead letter of " + sent));
        try {
            return reason(sent);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String reason(Sent sent) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select reason from dead_letter where source_topic = ? "
                     + "and source_partition = ? and source_offset = ?")) {
            s.setString(1, sent.topic());
            s.setInt(2, sent.partition());
            s.setLong(3, sent.offset());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long countDeadLetters(List<Sent> sent) throws Exception {
        long n = 0;
        for (Sent s : sent) {
            if (reason(s) != null) {
                n++;
            }
        }
        return n;
    }
}
