package dev.ordertracking.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Management;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 contract events, most of them broken on purpose (a field removed, a value of the wrong
 * type, a 100,000-character string, an impossible date, invalid UTF-8, cut short, an order id no
 * URL can carry) or hostile to the dead-letter path itself (U+0000 in the key or a header name, a
 * header without a value, a binary-mode id longer than an index takes, U+0000 in a binary-mode
 * attribute), sent through the real broker: afterwards no partition is stalled, the service is
 * ready, every event the contract's schema rejects is dead-lettered with a reason (in the table and
 * on the .dlq topics), no valid event (sent intact, in either mode) is dead-lettered, and every
 * record is accounted for: stored, dead-lettered, or skipped as an unknown type.
 */
@QuarkusTest
class EventFuzzingTest {

    private static final int EVENTS = 10_000;
    private static final long SEED = 20261123L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    AgroalDataSource db;

    private enum Mutation {
        NONE, REMOVE, RETYPE, HUGE, BAD_DATE, BAD_UTF8, TRUNCATED, UNSAFE_ORDER_ID,
        // records hostile to the dead-letter path (the event itself intact or broken as named)
        NUL_IN_KEY, NULL_HEADER_ON_BROKEN, NULL_HEADER_ON_VALID, NUL_IN_HEADER_NAME, BINARY_VALID, BINARY_LONG_ID,
        BINARY_NUL_ID;

        /** Sent as a valid event: it must be stored, never dead-lettered. */
        boolean intact() {
            return this == NONE || this == NULL_HEADER_ON_VALID || this == BINARY_VALID;
        }

        /** Broken beyond what the schema sees (key, headers, binary mode): it must be dead-lettered. */
        boolean brokenOutsideTheValue() {
            return this == NUL_IN_KEY || this == NULL_HEADER_ON_BROKEN || this == NUL_IN_HEADER_NAME
                    || this == BINARY_LONG_ID || this == BINARY_NUL_ID;
        }
    }

    private record Sent(String topic, int partition, long offset, String eventId, boolean schemaValid, Mutation mutation,
                        boolean knownType) {
    }

    @Test
    void brokenEventsAreDeadLetteredWithAReasonAndNothingStalls() throws Exception {
        Random random = new Random(SEED);
        EventCorpus corpus = new EventCorpus(random);
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        List<Object[]> drafts = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String type = corpus.pick(EventCorpus.INCOMING_TYPES);
            ObjectNode event = corpus.validEvent(type);
            String orderId = "FUZZ-" + run + "-" + (i % 2_000);
            event.put("subject", orderId);
            // Years old: history, so none of these reaches a customer.
            event.put("time", "2020-01-0" + (1 + random.nextInt(9)) + "T10:00:00Z");
            if (event.path("data").isObject()) {
                ((ObjectNode) event.get("data")).put("orderId", orderId);
            }
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            if (mutation == Mutation.UNSAFE_ORDER_ID) {
                String unsafe = orderId + List.of("/../../orders/OTHER", " x", "#1", "?a=b", "%2F", "/..", "\u00e9")
                        .get(random.nextInt(7));
                event.put("subject", unsafe);
                ((ObjectNode) event.get("data")).put("orderId", unsafe);
            }
            byte[] value = mutate(event, mutation, random);
            String key = mutation == Mutation.UNSAFE_ORDER_ID ? event.get("subject").asText()
                    : mutation == Mutation.NUL_IN_KEY ? orderId + "\u0000" : orderId;
            List<Header> headers = new ArrayList<>();
            switch (mutation) {
                case NULL_HEADER_ON_BROKEN, NULL_HEADER_ON_VALID -> headers.add(new RecordHeader("x-note", null));
                case NUL_IN_HEADER_NAME -> headers.add(new RecordHeader("x-\u0000note", "v".getBytes(StandardCharsets.UTF_8)));
                case BINARY_VALID, BINARY_LONG_ID, BINARY_NUL_ID -> {
                    String id = mutation == Mutation.BINARY_LONG_ID ? "i".repeat(3_000)
                            : mutation == Mutation.BINARY_NUL_ID ? "id\u0000" + event.get("id").asText()
                            : event.get("id").asText();
                    headers.addAll(binaryHeaders(event, id));
                    value = event.get("data").toString().getBytes(StandardCharsets.UTF_8);
                }
                default -> {
                }
            }
            boolean schemaValid = mutation != Mutation.BAD_UTF8 && mutation != Mutation.TRUNCATED
                    && !mutation.brokenOutsideTheValue() && ContractSchema.validate(event).isEmpty();
            boolean knownType = event.path("type").isTextual() && EventCorpus.INCOMING_TYPES.contains(event.path("type").asText());
            String topic = type.startsWith("shipment.") ? LocalKafka.SHIPMENTS : LocalKafka.ORDERS;
            futures.add(LocalKafka.producer().send(new ProducerRecord<>(topic, null, key, value, headers)));
            drafts.add(new Object[] {event.path("id").asText(null), schemaValid, mutation, knownType});
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            RecordMetadata m = futures.get(i).get(30, TimeUnit.SECONDS);
            Object[] d = drafts.get(i);
            sent.add(new Sent(m.topic(), m.partition(), m.offset(), (String) d[0], (Boolean) d[1], (Mutation) d[2],
                    (Boolean) d[3]));
        }

        awaitConsumedToTheEnd(sent);
        Management.given().get("/q/health/ready").then().statusCode(200);

        Map<String, String> deadLetters = deadLetters(sent);
        Set<String> stored = storedEventIds(sent);
        List<String> problems = new ArrayList<>();
        int dead = 0;
        for (Sent s : sent) {
            String key = s.topic() + "/" + s.partition() + "/" + s.offset();
            String reason = deadLetters.get(key);
            boolean isStored = s.eventId() != null && stored.contains(s.eventId()) && reason == null;
            if (reason != null) {
                dead++;
                if (reason.isBlank()) {
                    problems.add(key + " dead-lettered without a reason");
                }
            }
            if (!s.schemaValid() && s.knownType() && reason == null) {
                problems.add(key + " (" + s.mutation() + ") breaks the contract but was not dead-lettered");
            }
            if (s.schemaValid() && s.knownType() && !isStored && reason == null) {
                problems.add(key + " (" + s.mutation() + ") is valid but was neither stored nor dead-lettered");
            }
            if (s.mutation().intact() && reason != null) {
                problems.add(key + " (" + s.mutation() + ") was sent valid but was dead-lettered: " + reason);
            }
            if (s.mutation().intact() && !isStored) {
                problems.add(key + " (" + s.mutation() + ") was sent valid but was not stored");
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems, first: "
                + problems.stream().limit(10).collect(Collectors.joining("; ")));
        assertTrue(dead > EVENTS / 2, "most were broken: " + dead);
        int deadCount = dead;
        await().atMost(Duration.ofSeconds(60)).until(() -> dlqRecords(run) >= deadCount);
        System.out.printf("fuzzing: %d events, %d dead-lettered, %d stored%n", EVENTS, dead,
                sent.stream().filter(s -> s.eventId() != null && stored.contains(s.eventId())).count());
    }

    private static byte[] mutate(ObjectNode event, Mutation mutation, Random random) {
        List<List<Object>> paths = EventCorpus.paths(event);
        List<Object> path = paths.get(random.nextInt(paths.size()));
        switch (mutation) {
            case REMOVE -> JsonEdits.apply(event, pointer(path), null);
            case RETYPE -> JsonEdits.apply(event, pointer(path), switch (random.nextInt(6)) {
                case 0 -> NODES.numberNode(42);
                case 1 -> NODES.textNode("x");
                case 2 -> NODES.booleanNode(true);
                case 3 -> NODES.nullNode();
                case 4 -> NODES.arrayNode();
                default -> NODES.objectNode();
            });
            case HUGE -> JsonEdits.apply(event, pointer(path), NODES.textNode("x".repeat(100_000)));
            case BAD_DATE -> {
                List<String> dates = paths.stream().map(EventFuzzingTest::pointer)
                        .filter(p -> p.equals("/time") || p.endsWith("At") || p.endsWith("Date")).toList();
                String target = dates.isEmpty() ? "/time" : dates.get(random.nextInt(dates.size()));
                JsonEdits.apply(event, target, NODES.textNode(List.of("2026-13-45", "yesterday",
                        "2026-11-20T25:00:00Z", "20261120", "2026-02-30T10:00:00Z", "").get(random.nextInt(6))));
            }
            default -> {
            }
        }
        byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        if (mutation == Mutation.BAD_UTF8) {
            int at = 1 + random.nextInt(bytes.length - 2);
            bytes[at] = (byte) 0xC3;
            bytes[at + 1] = (byte) 0x28;
        } else if (mutation == Mutation.NULL_HEADER_ON_BROKEN || mutation == Mutation.NUL_IN_HEADER_NAME) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2); // half an object: never valid JSON
        } else if (mutation == Mutation.TRUNCATED) {
            bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        return bytes;
    }

    /** The event's attributes as binary-mode headers, with this id. */
    private static List<Header> binaryHeaders(ObjectNode event, String id) {
        List<Header> headers = new ArrayList<>();
        headers.add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        for (String attribute : List.of("source", "type", "time", "subject")) {
            headers.add(new RecordHeader("ce_" + attribute, event.get(attribute).asText().getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static String pointer(List<Object> path) {
        return path.stream().map(p -> "/" + p.toString().replace("~", "~0").replace("/", "~1"))
                .collect(Collectors.joining());
    }

    private static void awaitConsumedToTheEnd(List<Sent> sent) {
        Set<TopicPartition> partitions = sent.stream().map(s -> new TopicPartition(s.topic(), s.partition()))
                .collect(Collectors.toSet());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("order-tracking-service").partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> deadLetters(List<Sent> sent) throws Exception {
        long minOffset = sent.stream().mapToLong(Sent::offset).min().orElse(0);
        Map<String, String> reasons = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select source_topic, source_partition, source_offset, reason "
                     + "from dead_letter where source_offset >= ?")) {
            s.setLong(1, minOffset);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reasons.put(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getLong(3), rs.getString(4));
                }
            }
        }
        return reasons;
    }

    private Set<String> storedEventIds(List<Sent> sent) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select event_id from journey_event where event_id = any(?)")) {
            s.setArray(1, c.createArrayOf("text", sent.stream().map(Sent::eventId)
                    .filter(java.util.Objects::nonNull).distinct().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Dead letters of this run on the .dlq topics, counted as they stream by (values can be large). */
    private static long dlqRecords(String run) {
        Map<String, Object> config = Map.of(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(), org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(LocalKafka.ORDERS + ".dlq", LocalKafka.SHIPMENTS + ".dlq")) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith("FUZZ-" + run)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
