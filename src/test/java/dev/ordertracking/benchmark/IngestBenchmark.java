package dev.ordertracking.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.LocalKafka;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * End-to-end ingest throughput: N synthetic contract events (5 per order) published to the real
 * broker, timed until every one is committed to PostgreSQL by the service; then a plain
 * KafkaConsumer reads the same records, the broker's read ceiling on this machine.
 *
 * <p>Run with {@code ./mvnw verify -Pbenchmark} ({@code -Dbench.events=N} to change the size).
 */
@QuarkusTest
@Tag("benchmark")
class IngestBenchmark {

    private static final int EVENTS_PER_ORDER = 5;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void ingestThroughput() throws Exception {
        // A fresh JVM spends its first minute compiling; a service runs for days. Warm up first.
        int warmUp = Integer.getInteger("bench.warmup-events", 100_000);
        if (warmUp > 0) {
            Result w = ingest(warmUp, null);
            System.out.printf(Locale.ROOT, "warm-up: %,d events at %,.0f events/s%n", warmUp,
                    rate(warmUp, w.endToEnd()));
        }
        int events = Integer.getInteger("bench.events", 500_000);
        io.micrometer.core.instrument.DistributionSummary batchSizes = registry.get("tracking.ingest.batch.records").summary();
        io.micrometer.core.instrument.Timer batchTimes = registry.get("tracking.ingest.batch.duration").timer();
        long batchesBefore = batchSizes.count();
        double recordsBefore = batchSizes.totalAmount();
        double millisBefore = batchTimes.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
        Result r = ingest(events, System.getProperty("bench.jfr"));
        long batches = batchSizes.count() - batchesBefore;

        String report = String.format(Locale.ROOT, """
                        ingest benchmark (%s)
                          machine:            %d cores, %s, Java %s
                          warm-up:            %,d events first (not counted)
                          events:             %,d (%,d orders x %d)
                          publish:            %,.0f events/s (%.1f s)
                          end to end:         %,.0f events/s (%.1f s until all committed to PostgreSQL)
                          plain consumer:     %,.0f events/s (%.1f s, read ceiling)
                          heap used after:    %,d MB
                          batches:            %,d, mean %.0f records, mean %.1f ms each
                        """, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), warmUp, events, events / EVENTS_PER_ORDER, EVENTS_PER_ORDER,
                rate(events, r.publish()), seconds(r.publish()), rate(events, r.endToEnd()), seconds(r.endToEnd()),
                rate(events, r.read()), seconds(r.read()), r.heapUsedMb(), batches,
                (batchSizes.totalAmount() - recordsBefore) / batches,
                (batchTimes.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - millisBefore) / batches);
        System.out.println(report);
        write("ingest.txt", report);
    }

    record Result(Duration publish, Duration endToEnd, Duration read, long heapUsedMb) {
    }

    private Result ingest(int events, String jfr) throws Exception {
        int orders = events / EVENTS_PER_ORDER;
        String run = "BENCH" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        List<ProducerRecord<String, byte[]>> records = synthesize(run, orders);
        long before = count("select count(*) from journey_event");

        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            // Optional profile of the run: -Dbench.jfr=target/ingest.jfr
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        Instant start = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
        Duration publish = Duration.between(start, Instant.now());

        long target = before + records.size();
        long stored = before;
        Instant deadline = start.plus(Duration.ofMinutes(15));
        while (stored < target && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            stored = count("select count(*) from journey_event");
        }
        Duration endToEnd = Duration.between(start, Instant.now());
        if (recording != null) {
            recording.dump(Path.of(jfr));
            recording.close();
        }
        assertEquals(target, stored, "every published event is stored");
        long delivered = count("select count(*) from order_journey where status = 'DELIVERED' and order_id like '"
                + run + "-%'");
        assertEquals(orders, delivered, "every order's journey is complete");
        long heapUsedMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        Duration read = readCeiling(records.size(), run);
        return new Result(publish, endToEnd, read, heapUsedMb);
    }

    private Duration readCeiling(int expected, String run) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-ceiling-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(LocalKafka.ORDERS, LocalKafka.SHIPMENTS));
            Instant start = Instant.now();
            long seen = 0;
            while (seen < expected && Duration.between(start, Instant.now()).toMinutes() < 5) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith(run)) {
                        seen++;
                    }
                }
            }
            assertEquals(expected, seen, "the plain consumer read every record");
            return Duration.between(start, Instant.now());
        }
    }

    /** Five events an order, interleaved the way a shop publishes them: order by order. */
    static List<ProducerRecord<String, byte[]>> synthesize(String run, int orders) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(orders * EVENTS_PER_ORDER);
        Instant base = Instant.now().minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS);
        LocalDate promised = LocalDate.now().plusDays(3);
        for (int i = 0; i < orders; i++) {
            String orderId = run + "-" + i;
            Instant t = base.plusMillis(i);
            add(out, LocalKafka.ORDERS, ContractEvents.placed(orderId, t, promised));
            add(out, LocalKafka.ORDERS, ContractEvents.confirmed(orderId, t.plusSeconds(60)));
            add(out, LocalKafka.SHIPMENTS, ContractEvents.shipped(orderId, "S1", t.plusSeconds(3600), promised));
            add(out, LocalKafka.SHIPMENTS, ContractEvents.status(orderId, "S1", "IN_TRANSIT", t.plusSeconds(7200)));
            add(out, LocalKafka.SHIPMENTS, ContractEvents.status(orderId, "S1", "DELIVERED", t.plusSeconds(20_000)));
        }
        return out;
    }

    private static void add(List<ProducerRecord<String, byte[]>> out, String topic, ObjectNode event) {
        out.add(new ProducerRecord<>(topic, event.get("subject").asText(),
                event.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double rate(long n, Duration d) {
        return n / (d.toMillis() / 1000.0);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static void write(String name, String report) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(dir.resolve(name), report);
    }
}
