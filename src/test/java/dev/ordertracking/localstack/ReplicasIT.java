package dev.ordertracking.localstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.GreetingDelayRelay;
import dev.ordertracking.testing.PackagedService;
import dev.ordertracking.testing.TwilioStandIn;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged service (target/quarkus-app) in one consumer group, on one broker
 * and one database: a stream of orders (some delayed by their carrier, some with a promise already
 * broken), one instance killed with SIGKILL half-way. Afterwards every event is applied once, every
 * message recorded once, every SMS created at Twilio once, every e-mail delivered (one in flight at
 * the kill may arrive twice, under its one Message-ID), every broken promise found once, the survivor owns every partition, the outbox is empty; then the
 * survivor is stopped with SIGTERM and leaves its offsets committed.
 */
class ReplicasIT {

    private static final Path WORK = Path.of("target", "replicas");
    private static final int ORDERS = 180;
    /** Broken promises found by a deadline watch (a sign of the order's delay incident). */
    private static final String PROMISE_SIGNALS = "select count(*) from incident_signal s join incident i "
            + "on i.id = s.incident_id where i.order_id like ? and s.kind = 'PROMISE_DEADLINE'";

    private static String bootstrap;
    private static String jdbcUrl;
    private static TwilioStandIn twilio;
    private static GreenMail mail;
    private static GreetingDelayRelay relay;

    @BeforeAll
    static void parts() throws Exception {
        Files.createDirectories(WORK);
        jdbcUrl = LocalStack.postgres(WORK);
        bootstrap = LocalStack.kafka(WORK, List.of("orders.v1", "shipments.v1", "orders.v1.dlq", "shipments.v1.dlq",
                "order-tracking.v1", "customer-compensation.v1"), 4);
        twilio = TwilioStandIn.withRandomCredentials().start();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        mail = new GreenMail(new ServerSetup(0, host, ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        relay = new GreetingDelayRelay(host, mail.getSmtp().getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private static PackagedService launch(String name) throws Exception {
        return PackagedService.launch(WORK.resolve(name + ".log"),
                PackagedService.testSettings(bootstrap, jdbcUrl, twilio, relay));
    }

    @Test
    void twoInstancesShareTheWorkAndOneKilledMidwayLosesNothing() throws Exception {
        PackagedService a = launch("a");
        PackagedService b = launch("b");
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        Instant now = Instant.now();
        int events = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < ORDERS; i++) {
                if (i == ORDERS / 2) {
                    producer.flush();
                    int half = events / 2;
                    await().atMost(Duration.ofSeconds(60)).until(() -> count(
                            "select count(*) from journey_event where order_id like ?", "R" + run + "-%") > half);
                    a.process().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the group
                    a.process().waitFor(10, TimeUnit.SECONDS);
                }
                String order = "R" + run + "-" + i;
                List<ObjectNode> stream = ContractEvents.mixedJourney(order, i, now);
                for (ObjectNode event : stream) {
                    String topic = event.get("type").asText().startsWith("shipment.") ? "shipments.v1" : "orders.v1";
                    producer.send(new ProducerRecord<>(topic, order, event.toString().getBytes(StandardCharsets.UTF_8)));
                    events++;
                }
            }
            producer.flush();
        }
        int sent = events;
        String like = "R" + run + "-%";
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from journey_event where order_id like ?", like) == sent
                        && count("select count(*) from outbox", null) == 0
                        && count(PROMISE_SIGNALS, like) >= ORDERS / 3
                        && count("select count(*) from notification where order_id like ? and milestone <> 'FEEDBACK_REQUEST'"
                        + " and status in ('PENDING', 'RETRYING', 'SENDING', 'WAITING_FOR_PROVIDER')", like) == 0);
        Thread.sleep(3000); // anything that would come twice has time to

        // Every event once; every message once (by its idempotency key); every broken promise found once.
        assertEquals(sent, count("select count(*) from journey_event where order_id like ?", like));
        assertEquals(ORDERS, count("select count(*) from order_journey where order_id like ?", like));
        // The customer's side: no number got the same text from two different messages.
        String sameText = sameTextTwice(like);
        assertTrue(sameText.isEmpty(), () -> "one text, two messages:\n" + sameText);
        // Provider side: each SMS created at Twilio once (a send in doubt after the kill is looked
        // up in Twilio's list, never repeated), and each recorded message is there.
        Map<String, Long> smsPerBody = twilio.requests().stream().filter(r -> r.method().equals("POST"))
                .filter(r -> r.path().endsWith("/Messages.json"))
                .collect(Collectors.groupingBy(r -> r.to() + "|" + r.body(), Collectors.counting()));
        long smsRepeated = smsPerBody.values().stream().mapToLong(n -> n - 1).sum();
        assertEquals(count("select count(*) from notification where order_id like ? and channel = 'SMS' "
                + "and status in ('ACCEPTED', 'SENT', 'DELIVERED')", like), smsPerBody.size(), "every SMS reached Twilio");
        // E-mail: SMTP cannot be asked whether it took a message, so one in flight at the kill may
        // go out again, under the same Message-ID (the notification's id): every message arrives,
        // and a repeat is recognisable as the same message.
        Map<String, Long> mailsById = java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().startsWith("r" + run.toLowerCase() + "-");
                    } catch (Exception e) {
                        return false;
                    }
                }).collect(Collectors.groupingBy(m -> {
                    try {
                        return m.getMessageID();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, Collectors.counting()));
        long mailsRepeated = mailsById.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("replicas: %d events, %d SMS (%d repeated after the kill), %d e-mails (%d repeated, "
                + "same Message-ID)%n", sent, smsPerBody.size(), smsRepeated, mailsById.size() + mailsRepeated,
                mailsRepeated);
        assertEquals(0, smsRepeated, () -> "every SMS created once:\n" + smsPerBody.entrySet().stream()
                .filter(x -> x.getValue() > 1).map(x -> rows(x.getKey().substring(0, x.getKey().indexOf('|'))))
                .collect(Collectors.joining("\n")));
        assertEquals(count("select count(*) from notification where order_id like ? and channel = 'EMAIL' "
                + "and status = 'SENT'", like), mailsById.size(), "every e-mail arrived, by Message-ID");
        assertTrue(mailsRepeated <= 4, "only e-mails in flight at the kill (at most the concurrency) may repeat: "
                + mailsRepeated);
        assertEquals(ORDERS / 3, count(PROMISE_SIGNALS, like), "each broken promise found once");
        assertEquals(0, count("select count(*) from (select order_id from incident where order_id like ? "
                + "group by order_id, cause having count(*) > 1) twice", like));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("order-tracking-service"))
                        .all().get().get("order-tracking-service");
                int partitions = group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                return partitions == 8 && group.members().size() == 2; // B's two consumers hold them all
            });

            // SIGTERM: the survivor finishes, commits its offsets and leaves.
            b.process().destroy();
            assertTrue(b.process().waitFor(60, TimeUnit.SECONDS), "stopped within its grace period");
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of("orders.v1", "shipments.v1")) {
                for (int p = 0; p < 4; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("order-tracking-service")
                    .partitionsToOffsetAndMetadata().get();
            ends.forEach((p, end) -> assertEquals(end, committed.get(p) == null ? 0L : committed.get(p).offset(),
                    "committed to the end of " + p));
        }
    }

    /** Numbers that were sent (or recorded as sent) one text by two messages, with their rows. */
    private static String sameTextTwice(String like) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
             PreparedStatement s = c.prepareStatement("select recipient from notification where order_id like ? "
                     + "and channel = 'SMS' and status in ('ACCEPTED', 'SENT', 'DELIVERED') "
                     + "group by recipient, body having count(*) > 1")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.append(rows(rs.getString(1)));
                }
            }
        } catch (Exception e) {
            out.append(e);
        }
        return out.toString();
    }

    /** What the database holds of the SMS to one number, to explain a duplicate. */
    private static String rows(String to) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
             PreparedStatement s = c.prepareStatement("select id, milestone, dedup_key, status, attempts, incident_id, "
                     + "incident_revision, created_at, last_claimed_at, provider_id, body from notification "
                     + "where recipient = ? and channel = 'SMS'")) {
            s.setString(1, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 11; i++) {
                        out.append(rs.getString(i)).append(i < 11 ? " | " : "\n");
                    }
                }
            }
            try (PreparedStatement h = c.prepareStatement("select n.milestone, s.status, s.at, s.detail from notification_status s "
                    + "join notification n on n.id = s.notification_id where n.recipient = ? and n.channel = 'SMS' order by s.id")) {
                h.setString(1, to);
                try (ResultSet rs = h.executeQuery()) {
                    while (rs.next()) {
                        out.append("  ").append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ')
                                .append(rs.getString(3)).append(' ').append(rs.getString(4)).append('\n');
                    }
                }
            }
        } catch (Exception e) {
            out.append(e);
        }
        return out.toString();
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
             PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
