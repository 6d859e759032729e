package dev.ordertracking.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.notification.NotificationSettings;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.TestClock;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How fast one replica drains a backlog of due SMS with the production dispatch settings (rate,
 * concurrency, batch size, idle poll) and no new events arriving to wake it. The backlog is made
 * the way it happens: N orders ship during the night, their SHIPPED SMS wait for the end of the
 * quiet hours; then the service's clock moves to the afternoon and the messages are all due.
 * Reports messages per second against {@code tracking.notifications.dispatch.sms-per-second}.
 *
 * <p>Run with {@code ./mvnw verify -Pbenchmark -Dtest=BacklogDrainBenchmark}
 * ({@code -Dbench.drain.messages=3000}, {@code -Dbench.drain.warmup-messages=300}).
 */
@QuarkusTest
@TestProfile(BacklogDrainBenchmark.ProductionDispatch.class)
@Tag("benchmark")
class BacklogDrainBenchmark {

    /**
     * Production's dispatch settings where the test profile changes them, and only the SHIPPED SMS
     * as the customer message, so the e-mail channel does not share the machine while it drains.
     */
    public static class ProductionDispatch implements QuarkusTestProfile {
        static final Map<String, String> OVERRIDES = Map.of(
                "tracking.notifications.dispatch.idle-poll", "PT1S",
                "tracking.notifications.dispatch.lease", "PT2M",
                "tracking.notifications.dispatch.initial-backoff", "PT5S",
                "tracking.notifications.dispatch.max-backoff", "PT15M",
                "tracking.notifications.daily-cap-per-order", "4",
                "tracking.notifications.channels.ORDER_CONFIRMED", "NONE",
                "tracking.notifications.channels.SHIPPED", "SMS");

        @Override
        public Map<String, String> getConfigOverrides() {
            return OVERRIDES;
        }
    }

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    NotificationSettings settings;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void drainABacklogWithProductionDefaults() throws Exception {
        int messages = Integer.getInteger("bench.drain.messages", 3000);
        int warmup = Integer.getInteger("bench.drain.warmup-messages", 300);
        double rate = settings.dispatch().smsPerSecond();
        if (warmup > 0) {
            drain("+1447", warmup, rate); // a first backlog warms the JVM up; not counted
        }
        String phonePrefix = "+1446";
        Instant start = drain(phonePrefix, messages, rate);
        int accepted = acceptedOf(phonePrefix);

        Map<String, Integer> perPhone = new HashMap<>();
        List<Instant> received = new ArrayList<>();
        for (TwilioStandIn.RecordedRequest r : twilio.requests()) {
            if ("POST".equals(r.method()) && r.answeredStatus() == 201 && r.to() != null
                    && r.to().startsWith(phonePrefix)) {
                perPhone.merge(r.to(), 1, Integer::sum);
                received.add(r.receivedAt());
            }
        }
        received.sort(null);
        int duplicates = perPhone.values().stream().mapToInt(n -> n - 1).sum();
        Instant first = received.isEmpty() ? start : received.get(0);
        Instant last = received.isEmpty() ? start : received.get(received.size() - 1);
        double drainSeconds = Duration.between(start, last).toMillis() / 1000.0;
        double overall = received.size() / Math.max(drainSeconds, 0.001);
        double steady = received.size() < 2 ? 0
                : (received.size() - 1) / Math.max(Duration.between(first, last).toMillis() / 1000.0, 0.001);

        String report = String.format(Locale.ROOT, """
                        backlog drain benchmark (%s)
                          machine:         %d cores, %s, Java %s
                          settings:        sms-per-second %s, sms-concurrency %d, batch-size %d, idle-poll %s (defaults)
                          overrides:       %s
                          backlog:         %,d due SMS, no new events while draining
                          SMS at stand-in: %,d (accepted rows %,d, duplicates %,d)
                          drained in:      %.1f s from the clock reaching the afternoon to the last SMS
                          rate:            %.1f SMS/s overall, %.1f SMS/s first to last send
                          ratio:           %.3f of the configured rate overall (target at least 0.9: %s)
                          warm-up:         a backlog of %,d drained first, not counted
                        """, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), fmt(rate), settings.dispatch().smsConcurrency(),
                settings.dispatch().batchSize(), settings.dispatch().idlePoll(),
                new java.util.TreeMap<>(ProductionDispatch.OVERRIDES), messages, received.size(), accepted,
                duplicates, drainSeconds, overall, steady, overall / rate, overall / rate >= 0.9 ? "met" : "missed",
                warmup);
        System.out.println(report);
        IngestBenchmark.write("backlog-drain.txt", report);
        assertEquals(messages, accepted, "every SMS accepted");
        assertEquals(0, duplicates, "no SMS sent twice");
    }

    /** Fills a backlog of N deferred SMS and lets it come due; returns when the clock reached the afternoon. */
    private Instant drain(String phonePrefix, int messages, double rate) throws Exception {
        String run = "DRAIN" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        runs.put(phonePrefix, run);
        // 02:00 UTC, night in London: the SMS are planned and deferred to 08:00 local time.
        clock.travelTo(FlowSupport.daytime().minus(Duration.ofHours(12)));
        publish(run, phonePrefix, messages);
        Instant fillDeadline = Instant.now().plus(Duration.ofMinutes(5));
        while (count(run, "DEFERRED") < messages && Instant.now().isBefore(fillDeadline)) {
            Thread.sleep(500);
        }
        assertEquals(messages, count(run, "DEFERRED"), "the backlog is in place");

        // 14:00 UTC: all due at once. Nothing wakes the dispatcher; it finds them on its idle poll.
        Instant start = Instant.now();
        clock.travelTo(FlowSupport.daytime());
        Instant drainDeadline = start.plus(Duration.ofSeconds((long) (messages / rate * 5) + 60));
        while (count(run, "ACCEPTED") < messages && Instant.now().isBefore(drainDeadline)) {
            Thread.sleep(250);
        }
        Thread.sleep(1000); // the last acceptances are recorded just after Twilio answered
        return start;
    }

    private final Map<String, String> runs = new HashMap<>();

    private int acceptedOf(String phonePrefix) throws Exception {
        return count(runs.get(phonePrefix), "ACCEPTED");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** placed, confirmed and shipped per order, each order with its own phone number, as fast as the producer goes. */
    private void publish(String run, String phonePrefix, int orders) {
        Instant now = clock.instant();
        LocalDate promised = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(4);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < orders; i++) {
                String orderId = run + "-" + i;
                ObjectNode placed = ContractEvents.placed(orderId, now, promised);
                ((ObjectNode) placed.get("data").get("customer")).put("phone", phonePrefix + String.format("%07d", i))
                        .put("locale", "en-GB").put("timeZone", "Europe/London");
                for (ObjectNode event : List.of(placed, ContractEvents.confirmed(orderId, now),
                        ContractEvents.shipped(orderId, "S1", now, promised.minusDays(1)))) {
                    String topic = event.get("type").asText().startsWith("shipment.") ? LocalKafka.SHIPMENTS
                            : LocalKafka.ORDERS;
                    producer.send(new ProducerRecord<>(topic, orderId, event.toString()
                            .getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private int count(String run, String status) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from notification where order_id like ? "
                     + "and milestone = 'SHIPPED' and channel = 'SMS' and status = ?")) {
            s.setString(1, run + "-%");
            s.setString(2, status);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
