package dev.ordertracking.localstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.GreetingDelayRelay;
import dev.ordertracking.testing.HealthWatch;
import dev.ordertracking.testing.KafkaBrokerProcess;
import dev.ordertracking.testing.PackagedService;
import dev.ordertracking.testing.PostgresProcess;
import dev.ordertracking.testing.TwilioStandIn;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault drills against the packaged service (target/quarkus-app), each on its own broker and
 * database, which the drill takes away and brings back on the same ports and directories: the
 * Kafka broker killed with SIGKILL mid-stream and started again 18 s later, and PostgreSQL stopped
 * for 30 s mid-stream while the rest of the stream arrives. The service is never restarted.
 *
 * <p>Afterwards every event is applied once, every message recorded once and sent once (Twilio
 * and the mail server each got it once), every broken promise found once, nothing is left waiting,
 * in the outbox or dead-lettered. While the part was down, readiness answered 503 with the check of
 * that part DOWN from its first such answer until the part came back (never ready in between), and
 * liveness stayed 200 (nothing would restart the service); afterwards readiness is 200 again.
 */
class FaultDrillsIT {

    private static final Path WORK = Path.of("target", "fault-drills");
    private static final int ORDERS = 150;
    private static final List<String> TOPICS = List.of("orders.v1", "shipments.v1", "orders.v1.dlq",
            "shipments.v1.dlq", "order-tracking.v1", "customer-compensation.v1");
    /** The names Quarkus gives its checks of the Kafka connection and the datasource. */
    private static final String KAFKA_CHECK = "Kafka connection health check";
    private static final String DATABASE_CHECK = "Database connections health check";
    private static final Duration BROKER_DOWN = Duration.ofSeconds(18);
    private static final Duration DATABASE_DOWN = Duration.ofSeconds(30);
    private static final Duration HEALTH_INTERVAL = Duration.ofMillis(500);
    /**
     * How long a liveness answer may take and still count: a kubelet waits 1 s by default; the test
     * machine is shared with other builds, so 5 s, which still tells a hung check from a slow one.
     */
    private static final Duration LIVENESS_PATIENCE = Duration.ofSeconds(5);
    private static final String PROMISE_SIGNALS = "select count(*) from incident_signal s join incident i "
            + "on i.id = s.incident_id where s.kind = 'PROMISE_DEADLINE'";

    /** Messages not sent yet; rating requests wait a day by design. */
    private static final String UNSENT = "select count(*) from notification where milestone <> 'FEEDBACK_REQUEST'"
            + " and status in ('PENDING', 'RETRYING', 'SENDING', 'WAITING_FOR_PROVIDER')";

    /** What the running drill started, closed last-started first after it, whatever happened. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** The parts of one drill: its own broker and database, providers and one service instance. */
    private record Drill(Path dir, KafkaBrokerProcess broker, PostgresProcess postgres, TwilioStandIn twilio,
                         GreenMail mail, PackagedService service) {
    }

    /** Something done to a drill's parts. */
    private interface Step {
        void run(Drill drill) throws Exception;
    }

    /**
     * A part taken away mid-stream for {@code length} and brought back, and the readiness check that
     * must name it meanwhile; {@code streamWhileDown}: the second half of the stream arrives during
     * the outage rather than after it.
     */
    private record Outage(String check, Duration length, boolean streamWhileDown, Step begin, Step end) {
    }

    @AfterEach
    void stopEverything() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("fault drill: could not stop a part: " + e);
            }
        }
    }

    @Test
    void brokerKilledMidStreamAndStartedAgainLosesAndDoublesNothing() throws Exception {
        // SIGKILL, as a crashed broker; started again on the same ports and log directory.
        drill("broker-restart", "K", new Outage(KAFKA_CHECK, BROKER_DOWN, false,
                d -> d.broker().kill(), d -> d.broker().start()));
    }

    @Test
    void databaseStoppedThirtySecondsMidStreamLosesAndDoublesNothing() throws Exception {
        // Open sessions ended, as in a restart or failover; started again on the same port and data.
        drill("database-outage", "P", new Outage(DATABASE_CHECK, DATABASE_DOWN, true,
                d -> d.postgres().stop(), d -> d.postgres().start()));
    }

    private void drill(String name, String prefix, Outage outage) throws Exception {
        Drill drill = start(name);
        int sent = 0;
        try (HealthWatch ready = watch(drill.service(), "/q/health/ready");
             HealthWatch live = watch(drill.service(), "/q/health/live");
             KafkaProducer<String, byte[]> producer = producer(drill.broker())) {
            List<List<ProducerRecord<String, byte[]>>> orders = orders(prefix);
            for (List<ProducerRecord<String, byte[]>> order : orders.subList(0, ORDERS / 2)) {
                sent += send(producer, order);
            }
            producer.flush();
            awaitHalfStored(drill, sent);

            Instant down = Instant.now();
            outage.begin().run(drill);
            await("readiness names " + outage.check() + " DOWN").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ready.between(down, Instant.now()).stream().anyMatch(s -> reports(s, outage.check())));
            if (outage.streamWhileDown()) {
                // Spread over about 15 s, as a live stream would keep coming.
                for (List<ProducerRecord<String, byte[]>> order : orders.subList(ORDERS / 2, ORDERS)) {
                    sent += send(producer, order);
                    producer.flush();
                    Thread.sleep(200);
                }
            }
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), down.plus(outage.length())).toMillis()));
            Instant restoring = Instant.now();
            outage.end().run(drill);
            if (!outage.streamWhileDown()) {
                for (List<ProducerRecord<String, byte[]>> order : orders.subList(ORDERS / 2, ORDERS)) {
                    sent += send(producer, order);
                }
                producer.flush();
            }
            await("ready again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ready.between(restoring, Instant.now()).stream().anyMatch(s -> s.status() == 200));
            assertTrue(drill.service().process().isAlive(), "the service rode it out without a restart");

            List<HealthWatch.Sample> whileDown = ready.between(down, restoring);
            report(name, down, whileDown, outage.check());
            assertNamedThroughout(whileDown, outage.check());
            assertAliveThroughout(name, live.everyAskedBetween(down, restoring, LIVENESS_PATIENCE),
                    Duration.between(down, restoring));
        }
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertEquals(migrations.count(), count(drill, "select count(*) from flyway_schema_history "
                    + "where success and version is not null"), "the schema as migrated before");
        }
        assertEverythingOnceNothingStuck(drill, sent);
    }

    private Drill start(String name) throws Exception {
        Path dir = WORK.resolve(name);
        delete(dir);
        Files.createDirectories(dir);
        KafkaBrokerProcess broker = started(KafkaBrokerProcess.format(dir.resolve("kafka"))).start();
        broker.createTopics(TOPICS, 4);
        PostgresProcess postgres = started(PostgresProcess.initialise(dir.resolve("postgres"),
                WORK.resolve("postgres-binaries")));
        postgres.start();
        TwilioStandIn twilio = started(TwilioStandIn.withRandomCredentials().start());
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        GreenMail mail = new GreenMail(new ServerSetup(0, host, ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        started(mail::stop);
        GreetingDelayRelay relay = started(new GreetingDelayRelay(host, mail.getSmtp().getPort()));

        Map<String, String> env = PackagedService.testSettings(broker.bootstrapServers(), postgres.jdbcUrl(), twilio,
                relay);
        PackagedService service = started(PackagedService.launch(dir.resolve("service.log"), env));
        return new Drill(dir, broker, postgres, twilio, mail, service);
    }

    private <T extends AutoCloseable> T started(T part) {
        started.push(part);
        return part;
    }

    private static HealthWatch watch(PackagedService service, String path) {
        return new HealthWatch(service, path, HEALTH_INTERVAL);
    }

    /**
     * Liveness was asked all through the outage (at least half as often as scheduled) and every
     * request got 200 within {@link #LIVENESS_PATIENCE}: a missing or hung answer is a failure.
     */
    private static void assertAliveThroughout(String drill, List<HealthWatch.Sample> samples, Duration outage) {
        long expected = outage.toMillis() / HEALTH_INTERVAL.toMillis();
        assertTrue(samples.size() >= expected / 2, () -> "liveness asked " + samples.size() + " times in "
                + outage.toMillis() + " ms, expected about " + expected);
        List<HealthWatch.Sample> failed = samples.stream().filter(s -> s.status() != 200).toList();
        assertTrue(failed.isEmpty(), () -> "alive throughout, nothing would restart it; but " + failed.size()
                + " of " + samples.size() + " liveness requests failed: " + failed);
        System.out.printf("fault drill %s: liveness 200 on all %d requests while down, slowest %d ms%n", drill,
                samples.size(), samples.stream().mapToLong(s -> s.took().toMillis()).max().orElse(0));
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBrokerProcess broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The stream, as in ReplicasIT: each order placed, confirmed and shipped; a third then delayed
     * by the carrier (an exception with a later estimate), a third delivered, a third with a
     * promise already broken (found later by the deadline watch).
     */
    private static List<List<ProducerRecord<String, byte[]>>> orders(String prefix) {
        String run = prefix + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        Instant now = Instant.now();
        List<List<ProducerRecord<String, byte[]>>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String order = run + "-" + i;
            List<ObjectNode> events = ContractEvents.mixedJourney(order, i, now);
            orders.add(events.stream().map(e -> new ProducerRecord<>(
                    e.get("type").asText().startsWith("shipment.") ? "shipments.v1" : "orders.v1", order,
                    e.toString().getBytes(StandardCharsets.UTF_8))).toList());
        }
        return orders;
    }

    private static int send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
        records.forEach(producer::send);
        return records.size();
    }

    /** The fault comes while the service is busy: half of what was sent so far is stored. */
    private static void awaitHalfStored(Drill drill, int sent) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> count(drill, "select count(*) from journey_event") > sent / 2);
    }

    private static boolean reports(HealthWatch.Sample sample, String check) {
        return sample.status() == 503 && "DOWN".equals(sample.check(check));
    }

    /**
     * From the first answer that named the part DOWN until the part was coming back, every answer
     * said the same: the service never claimed to be ready while it could not work.
     */
    private static void assertNamedThroughout(List<HealthWatch.Sample> samples, String check) {
        List<HealthWatch.Sample> named = samples.stream().dropWhile(s -> !reports(s, check)).toList();
        assertTrue(named.size() > 1, () -> check + " was not reported DOWN while the part was down: " + samples);
        for (HealthWatch.Sample sample : named) {
            assertTrue(reports(sample, check), () -> "while " + check + " was down: " + sample);
        }
    }

    private static void report(String drill, Instant down, List<HealthWatch.Sample> samples, String check) {
        HealthWatch.Sample first = samples.stream().filter(s -> reports(s, check)).findFirst().orElseThrow();
        System.out.printf("fault drill %s: readiness named %s DOWN %d ms after the fault (%d answers while down, "
                        + "slowest %d ms); first such answer: %s%n", drill, check,
                Duration.between(down, first.answered()).toMillis(), samples.size(),
                samples.stream().mapToLong(s -> s.took().toMillis()).max().orElse(0),
                first.body().replaceAll("\\s+", " "));
    }

    private static void assertEverythingOnceNothingStuck(Drill drill, int sent) throws Exception {
        try {
            await("everything stored and sent").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(drill, "select count(*) from journey_event") == sent
                            && count(drill, "select count(*) from outbox") == 0
                            && count(drill, PROMISE_SIGNALS) >= ORDERS / 3
                            && count(drill, UNSENT) == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not settled; " + sent + " events sent, database holds: " + state(drill), e);
        }
        Thread.sleep(3000); // anything that would come twice has time to

        assertEquals(sent, count(drill, "select count(*) from journey_event"), "every event applied once");
        assertEquals(ORDERS, count(drill, "select count(*) from order_journey"));
        assertEquals(0, count(drill, "select count(*) from dead_letter"), "no event dead-lettered");
        assertEquals(0, count(drill, "select count(*) from outbox"), "the outbox is empty");
        assertEquals(0, count(drill, UNSENT), "no message stuck");
        assertEquals(ORDERS / 3, count(drill, PROMISE_SIGNALS), "each broken promise found once");

        Map<String, Long> smsPerMessage = drill.twilio().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/Messages.json"))
                .collect(Collectors.groupingBy(r -> r.to() + "|" + r.body(), Collectors.counting()));
        assertEquals(Map.of(), repeated(smsPerMessage), "every SMS created at Twilio once");
        assertEquals(count(drill, "select count(*) from notification where channel = 'SMS' "
                + "and status in ('ACCEPTED', 'SENT', 'DELIVERED')"), smsPerMessage.size(), "every SMS recorded as sent");

        Map<String, Long> mailsPerMessage = Arrays.stream(drill.mail().getReceivedMessages())
                .collect(Collectors.groupingBy(FaultDrillsIT::messageId, Collectors.counting()));
        assertEquals(Map.of(), repeated(mailsPerMessage), "every e-mail received once");
        assertEquals(count(drill, "select count(*) from notification where channel = 'EMAIL' and status = 'SENT'"),
                mailsPerMessage.size(), "every e-mail recorded as sent");
        System.out.printf("fault drill %s: %d events, %d SMS, %d e-mails, each once%n", drill.dir().getFileName(),
                sent, smsPerMessage.size(), mailsPerMessage.size());
    }

    /** The counts the drill waits for, and messages by channel and status, to explain a timeout. */
    private static String state(Drill drill) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(drill.postgres().jdbcUrl(), "postgres", null);
             PreparedStatement s = c.prepareStatement("""
                     select 'journey_event', count(*) from journey_event
                     union all select 'outbox', count(*) from outbox
                     union all select 'promise signals', count(*) from incident_signal where kind = 'PROMISE_DEADLINE'
                     union all select channel || ' ' || status, count(*) from notification group by channel, status""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('=').append(rs.getLong(2)).append("; ");
            }
        } catch (Exception e) {
            out.append(e);
        }
        return out.toString();
    }

    private static Map<String, Long> repeated(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Drill drill, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(drill.postgres().jdbcUrl(), "postgres", null);
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
