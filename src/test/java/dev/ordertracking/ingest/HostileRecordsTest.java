package dev.ordertracking.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Management;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ordertracking.testing.ContractEvents.placed;
import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records built to break the dead-letter path itself (NUL characters where PostgreSQL's text and
 * jsonb refuse them, a header without a value, binary-mode attributes beyond every limit), each
 * followed on the same partition by a valid event: the valid event is applied, the hostile record
 * is dead-lettered with a reason, and nothing stalls.
 */
@QuarkusTest
class HostileRecordsTest {

    private static final String TOPIC = LocalKafka.ORDERS;
    private static final int PARTITIONS = 4;

    @Inject
    AgroalDataSource db;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aRecordKeyWithNulIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        String orderId = uniqueOrderId("NULKEY");
        ObjectNode event = placed(orderId, now, LocalDate.now().plusDays(3));
        long offset = sendThenValid(0, orderId + "\u0000x", event.toString().getBytes(StandardCharsets.UTF_8), List.of());
        assertTrue(reason(0, offset).contains("record key"), reason(0, offset));
    }

    @Test
    void aHeaderWithoutValueOnABadRecordIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        String orderId = uniqueOrderId("NULLHDR");
        long offset = sendThenValid(1, orderId, "{not json".getBytes(StandardCharsets.UTF_8),
                List.of(new RecordHeader("x-empty", null)));
        assertTrue(reason(1, offset).startsWith("malformed JSON"), reason(1, offset));
    }

    @Test
    void aHeaderNameWithNulOnABadRecordIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        String orderId = uniqueOrderId("NULNAME");
        long offset = sendThenValid(2, orderId, "{not json".getBytes(StandardCharsets.UTF_8),
                List.of(LocalKafka.header("x-\u0000name", "v")));
        assertTrue(reason(2, offset).startsWith("malformed JSON"), reason(2, offset));
    }

    @Test
    void aBinaryModeIdLongerThanAnIndexTakesIsDeadLetteredWithItsReason() throws Exception {
        String orderId = uniqueOrderId("LONGID");
        long offset = sendThenValid(3, orderId, binaryData(orderId), binaryHeaders(orderId, "i".repeat(10_000), orderId));
        assertTrue(reason(3, offset).startsWith("header ce_id is longer than"), reason(3, offset));
    }

    @Test
    void binaryModeAttributesWithNulAreDeadLetteredWithTheirReason() throws Exception {
        String orderId = uniqueOrderId("NULATTR");
        long offset = sendThenValid(0, orderId, binaryData(orderId),
                binaryHeaders(orderId, "id-\u0000-" + orderId, orderId));
        assertTrue(reason(0, offset).startsWith("header ce_id contains a NUL"), reason(0, offset));
    }

    /**
     * A record just under the broker's message limit: its dead letter, with the dlq-* headers added,
     * would not fit on the .dlq topic, so it is published without its value (kept in the table), and
     * the outbox keeps flowing: a valid event's published news after it still goes out.
     */
    @Test
    void aRecordNearTheBrokersLimitIsDeadLetteredWithoutStoppingTheOutbox() throws Exception {
        String orderId = uniqueOrderId("NEARLIMIT");
        byte[] value = new byte[1_048_000];
        java.util.Arrays.fill(value, (byte) 'x');
        long offset = sendThenValid(2, orderId, value, List.of(LocalKafka.header("x-padding", "p".repeat(300))));
        assertTrue(reason(2, offset).startsWith("record is larger than"), reason(2, offset));
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from outbox where created_at < now() - interval '5 seconds'")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertTrue(rs.getLong(1) == 0, "the outbox relay publishes every row, the dead letter too");
                }
            });
        }
    }

    /**
     * A dead letter PostgreSQL refuses however it is written (here a trigger refuses any row holding
     * the marker): the record is skipped, counted, logged and reported by health, and the partition
     * moves on.
     */
    @Test
    void aRecordWhoseDeadLetterCannotBeWrittenIsSkippedCountedAndReported() throws Exception {
        String marker = uniqueOrderId("UNWRITABLE");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    create or replace function refuse_marked_dead_letter() returns trigger language plpgsql as $$
                    begin
                        if position(convert_to('%s', 'UTF8') in new.record_value) > 0 then
                            raise exception 'dead letter refused';
                        end if;
                        return new;
                    end $$""".formatted(marker));
            s.execute("create trigger refuse_marked_dead_letter before insert on dead_letter for each row "
                    + "execute function refuse_marked_dead_letter()");
        }
        try {
            RecordMetadata hostile = LocalKafka.producer().send(new ProducerRecord<>(TOPIC, 1, marker,
                    ("{not json " + marker).getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            String follower = uniqueOrderId("AFTER");
            ObjectNode valid = placed(follower, now, LocalDate.now().plusDays(3));
            LocalKafka.producer().send(new ProducerRecord<>(TOPIC, 1, follower,
                    valid.toString().getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertTrue(stored(valid.get("id").asText()), "the valid event is applied"));

            String coordinates = TOPIC + "/1@" + hostile.offset();
            Management.given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'Dead letters' }.status", org.hamcrest.Matchers.equalTo("UP"))
                    .body("checks.find { it.name == 'Dead letters' }.data.lastSkipped", org.hamcrest.Matchers.equalTo(coordinates))
                    .body("checks.find { it.name == 'Dead letters' }.data.warning", containsString("could not be dead-lettered"));
            Management.given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("tracking_events_dead_letter_failed_total{topic=\"" + TOPIC + "\"}"));
            String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/quarkus-test.log"));
            assertTrue(log.contains("Record " + coordinates + " (key " + marker + ") could not be dead-lettered"),
                    "the skipped record is logged with its coordinates");
        } finally {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop trigger refuse_marked_dead_letter on dead_letter");
                s.execute("drop function refuse_marked_dead_letter()");
            }
        }
    }

    /**
     * Sends the record to the partition, then a valid order.placed of another order to the same
     * partition, and waits until the valid one is stored and the record has its dead letter.
     */
    private long sendThenValid(int partition, String key, byte[] value, List<RecordHeader> headers) throws Exception {
        RecordMetadata hostile = LocalKafka.producer()
                .send(new ProducerRecord<>(TOPIC, partition % PARTITIONS, key, value, List.copyOf(headers)))
                .get(10, TimeUnit.SECONDS);
        String follower = uniqueOrderId("AFTER");
        ObjectNode valid = placed(follower, now, LocalDate.now().plusDays(3));
        LocalKafka.producer().send(new ProducerRecord<>(TOPIC, hostile.partition(), follower,
                valid.toString().getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertTrue(stored(valid.get("id").asText()),
                        "the valid event after the hostile record on " + TOPIC + "/" + hostile.partition()
                                + " is applied"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertNotNull(reason(hostile.partition(), hostile.offset()), "the hostile record is dead-lettered"));
        return hostile.offset();
    }

    private static byte[] binaryData(String orderId) {
        return placed(orderId, Instant.now(), LocalDate.now().plusDays(3)).get("data").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<RecordHeader> binaryHeaders(String orderId, String id, String subject) {
        return List.of(LocalKafka.header("ce_specversion", "1.0"), LocalKafka.header("ce_id", id),
                LocalKafka.header("ce_source", "/shop/checkout"), LocalKafka.header("ce_type", "order.placed"),
                LocalKafka.header("ce_time", Instant.now().toString()), LocalKafka.header("ce_subject", subject),
                LocalKafka.header("content-type", "application/json"));
    }

    private boolean stored(String eventId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from journey_event where event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String reason(int partition, long offset) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select reason from dead_letter where source_topic = ? "
                     + "and source_partition = ? and source_offset = ?")) {
            s.setString(1, TOPIC);
            s.setInt(2, partition);
            s.setLong(3, offset);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
