package dev.ordertracking.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.TwilioStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time from publishing an event to the SMS it causes reaching Twilio (the stand-in), at a steady
 * 1,000 events/s: per order order.placed, order.confirmed, shipment.created and
 * shipment.status_changed OUT_FOR_DELIVERY; only OUT_FOR_DELIVERY sends an SMS (one per order, to its
 * own number). Latency = the stand-in's receive time minus the time the OUT_FOR_DELIVERY event was
 * handed to the producer, both on this JVM's clock.
 *
 * <p>Run with {@code ./mvnw verify -Pbenchmark -Dtest=NotificationLatencyBenchmark}
 * ({@code -Dbench.latency.seconds=60}, {@code -Dbench.latency.rate=1000}).
 */
@QuarkusTest
@TestProfile(NotificationLatencyBenchmark.SmsOnlyWhenOutForDelivery.class)
@Tag("benchmark")
class NotificationLatencyBenchmark {

    private static final int EVENTS_PER_ORDER = 4;

    public static class SmsOnlyWhenOutForDelivery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("tracking.notifications.quiet-hours.enabled", "false");
            config.put("tracking.notifications.daily-cap-per-order", "100");
            config.put("tracking.notifications.dispatch.sms-per-second", "5000");
            config.put("tracking.notifications.dispatch.sms-concurrency", "8");
            config.put("tracking.notifications.dispatch.batch-size", "100");
            for (String milestone : List.of("ORDER_CONFIRMED", "SHIPPED", "AVAILABLE_FOR_PICKUP", "ATTEMPT_FAILED",
                    "DELIVERED", "CANCELLED")) {
                config.put("tracking.notifications.channels." + milestone, "NONE");
            }
            config.put("tracking.notifications.channels.OUT_FOR_DELIVERY", "SMS");
            return config;
        }
    }

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void eventToSmsLatency() throws Exception {
        int rate = Integer.getInteger("bench.latency.rate", 1000);
        int seconds = Integer.getInteger("bench.latency.seconds", 60);
        run("+1444", rate, Integer.getInteger("bench.latency.warmup-seconds", 15)); // warm-up, not counted
        String jfr = System.getProperty("bench.jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            // Optional profile of the measured run: -Dbench.jfr=target/latency.jfr
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        Result r = run("+1445", rate, seconds);
        if (recording != null) {
            recording.dump(java.nio.file.Path.of(jfr));
            recording.close();
        }

        String report = String.format(Locale.ROOT, """
                        event -> SMS latency benchmark (%s)
                          machine:          %d cores, %s, Java %s
                          load:             %,d events at %,.0f events/s (target %,d/s) for %d s, %,d orders
                          SMS at stand-in:  %,d of %,d (missing %,d, duplicates %,d)
                          latency:          p50 %,d ms, p90 %,d ms, p99 %,d ms, max %,d ms
                          of which ingest:  p50 %,.0f ms, p99 %,.0f ms (event time to its message row committed)
                          and dispatch:     p50 %,.0f ms, p99 %,.0f ms (message row to Twilio's acceptance recorded)
                        """, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), r.events, r.achievedRate, rate, seconds, r.orders,
                r.latencies.size(), r.orders, r.missing, r.duplicates,
                pct(r.latencies, 50), pct(r.latencies, 90), pct(r.latencies, 99), pct(r.latencies, 100),
                r.split[0], r.split[1], r.split[2], r.split[3]);
        System.out.println(report);
        IngestBenchmark.write("notification-latency.txt", report);
        assertEquals(0, r.missing, "every SMS arrived");
        assertEquals(0, r.duplicates, "no SMS arrived twice");
    }

    record Result(int orders, int events, double achievedRate, List<Long> latencies, int missing, int duplicates,
                  double[] split) {
    }

    /** Where the time goes: event time to row created, row created to acceptance recorded (p50, p99 in ms). */
    private double[] split(String run) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("""
                     select percentile_cont(0.5) within group (order by extract(epoch from created_at - cause_occurred_at)),
                            percentile_cont(0.99) within group (order by extract(epoch from created_at - cause_occurred_at)),
                            percentile_cont(0.5) within group (order by extract(epoch from accepted_at - created_at)),
                            percentile_cont(0.99) within group (order by extract(epoch from accepted_at - created_at))
                     from notification where order_id like '%s-%%' and accepted_at is not null""".formatted(run))) {
            rs.next();
            return new double[]{rs.getDouble(1) * 1000, rs.getDouble(2) * 1000, rs.getDouble(3) * 1000,
                    rs.getDouble(4) * 1000};
        }
    }

    private Result run(String phonePrefix, int rate, int seconds) throws Exception {
        int orders = rate * seconds / EVENTS_PER_ORDER;
        String run = "LAT" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        Map<String, Instant> published = new HashMap<>();
        LocalDate promised = LocalDate.now().plusDays(3);
        long intervalNanos = 1_000_000_000L / rate;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            int sent = 0;
            for (int i = 0; i < orders; i++) {
                String orderId = run + "-" + i;
                String phone = phonePrefix + String.format("%07d", i);
                for (int step = 0; step < EVENTS_PER_ORDER; step++) {
                    long due = start + sent * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    Instant now = Instant.now();
                    ObjectNode event = event(step, orderId, phone, now, promised);
                    if (step == EVENTS_PER_ORDER - 1) {
                        published.put(phone, now);
                    }
                    String topic = event.get("type").asText().startsWith("shipment.") ? LocalKafka.SHIPMENTS
                            : LocalKafka.ORDERS;
                    producer.send(new ProducerRecord<>(topic, orderId, event.toString().getBytes(StandardCharsets.UTF_8)));
                    sent++;
                }
            }
            producer.flush();
            double achieved = sent / ((System.nanoTime() - start) / 1e9);
            Instant drainUntil = Instant.now().plus(Duration.ofSeconds(60));
            Map<String, List<TwilioStandIn.RecordedRequest>> received = received(phonePrefix);
            while (received.size() < orders && Instant.now().isBefore(drainUntil)) {
                Thread.sleep(250);
                received = received(phonePrefix);
            }
            List<Long> latencies = new ArrayList<>();
            int duplicates = 0;
            for (Map.Entry<String, List<TwilioStandIn.RecordedRequest>> e : received.entrySet()) {
                latencies.add(Duration.between(published.get(e.getKey()), e.getValue().get(0).receivedAt()).toMillis());
                duplicates += e.getValue().size() - 1;
            }
            latencies.sort(null);
            Thread.sleep(1000); // the last acceptances are recorded just after Twilio answered
            return new Result(orders, sent, achieved, latencies, orders - received.size(), duplicates, split(run));
        }
    }

    private Map<String, List<TwilioStandIn.RecordedRequest>> received(String phonePrefix) {
        Map<String, List<TwilioStandIn.RecordedRequest>> byPhone = new HashMap<>();
        for (TwilioStandIn.RecordedRequest r : twilio.requests()) {
            if ("POST".equals(r.method()) && r.answeredStatus() == 201 && r.to() != null && r.to().startsWith(phonePrefix)) {
                byPhone.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(r);
            }
        }
        return byPhone;
    }

    private static ObjectNode event(int step, String orderId, String phone, Instant at, LocalDate promised) {
        switch (step) {
            case 0:
                ObjectNode placed = ContractEvents.placed(orderId, at, promised);
                ((ObjectNode) placed.get("data").get("customer")).put("phone", phone).put("locale", "en")
                        .put("timeZone", "Europe/London");
                return placed;
            case 1:
                return ContractEvents.confirmed(orderId, at);
            case 2:
                return ContractEvents.shipped(orderId, "S1", at, promised);
            default:
                return ContractEvents.status(orderId, "S1", "OUT_FOR_DELIVERY", at);
        }
    }

    private static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
