package dev.ordertracking.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.ingest.DeadLetterService;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.LocalKafka;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-letter runbook through the real broker: records dead-lettered by an earlier release go
 * back to their topic and are applied once, however often the replay runs; a record that is still
 * bad is dead-lettered again and harms nothing.
 */
@QuarkusTest
class DeadLetterReplayTest {

    @Inject
    AgroalDataSource db;

    private static DeadLetterReplayCommand.Options options(Instant since, String reason, boolean dryRun) {
        return new DeadLetterReplayCommand.Options(List.of("orders.v1.dlq"), since, reason, dryRun,
                LocalKafka.bootstrapServers());
    }

    @Test
    void fixedRecordsAreAppliedOnceAndBadOnesComeBackToTheDeadLetters() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String reason = "old release " + System.nanoTime() + ": locale not accepted";
        // As an earlier release dead-lettered it: a good event with the dead-letter headers.
        String orderId = ContractEvents.uniqueOrderId("DLQ");
        ObjectNode placed = ContractEvents.placed(orderId, Instant.now().minus(Duration.ofDays(400)),
                LocalDate.now().minusDays(395));
        LocalKafka.send("orders.v1.dlq", orderId, placed.toString().getBytes(StandardCharsets.UTF_8), List.of(
                LocalKafka.header(DeadLetterService.REASON, reason), LocalKafka.header(DeadLetterService.SOURCE_TOPIC, "orders.v1"),
                LocalKafka.header(DeadLetterService.SOURCE_PARTITION, "0"), LocalKafka.header(DeadLetterService.SOURCE_OFFSET, "0")));
        // And one the service dead-letters now.
        String badKey = ContractEvents.uniqueOrderId("DLQ-BAD");
        LocalKafka.send("orders.v1", badKey, "{\"specversion\":\"1.0\",".getBytes(StandardCharsets.UTF_8), List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(badKey) == 1);
        // The relay has put it on the .dlq topic too.
        await().atMost(Duration.ofSeconds(20)).until(() -> DeadLetterReplayCommand.replay(options(start, null, true)).read() >= 2);

        DeadLetterReplayCommand.Summary dry = DeadLetterReplayCommand.replay(options(start, reason, true));
        assertEquals(1, dry.replayed());
        Thread.sleep(1000);
        assertEquals(0, stored(placed.get("id").asText()), "a dry run sends nothing");

        for (int run = 0; run < 2; run++) {
            DeadLetterReplayCommand.Summary summary = DeadLetterReplayCommand.replay(options(start, reason, false));
            assertEquals(1, summary.replayed(), "only the records with that reason");
            assertTrue(summary.skipped() >= 1, "the others are left alone");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(placed.get("id").asText()) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> orderExists(orderId));

        DeadLetterReplayCommand.Summary all = DeadLetterReplayCommand.replay(options(start, null, false));
        assertTrue(all.replayed() >= 2, "the fixed one again and the bad one");
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(badKey) == 2);
        Thread.sleep(500);
        assertEquals(1, stored(placed.get("id").asText()), "applied once, however often replayed");
    }

    private long deadLetters(String key) throws Exception {
        return count("select count(*) from dead_letter where record_key = ?", key);
    }

    private long stored(String eventId) throws Exception {
        return count("select count(*) from journey_event where event_id = ?", eventId);
    }

    private boolean orderExists(String orderId) throws Exception {
        return count("select count(*) from order_journey where order_id = ?", orderId) == 1;
    }

    private long count(String sql, String value) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
