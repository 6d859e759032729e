package dev.ordertracking.replay;

import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the whole Olist sample through the real broker and checks that the service's delivery
 * statistics equal those computed straight from the CSV, with no valid event lost or dead-lettered.
 * The sample's path comes from {@code -Dolist.dir}, {@code OLIST_DIR} or {@code ../shared/data/olist}.
 */
@QuarkusTest
class OlistReplayTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void replayedSampleGivesTheStatisticsOfTheCsv() throws Exception {
        Path dir = OlistSample.require();
        OlistDataset dataset = OlistDataset.load(dir);
        List<ContractEvent> events = new OlistEventMapper().mapAll(dataset.orders());
        String[] orderIds = dataset.orders().stream().map(OlistOrder::orderId).toArray(String[]::new);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            ReplayCommand.publish(producer, events);
        }

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                count("select count(*) from journey_event where order_id = any(?)", orderIds) == events.size());
        assertEquals(0, count("select count(*) from dead_letter where record_key = any(?)", orderIds),
                "no valid event is dead-lettered");
        assertEquals(dataset.orders().size(), count("select count(*) from order_journey where order_id = any(?)", orderIds),
                "every order has a journey");
        assertEquals(0, count("select count(*) from journey_event where order_id = any(?) and live", orderIds),
                "events of 2016-2018 are historical");

        // History never messages anyone: every milestone is recorded as suppressed, none sent.
        assertEquals(0, count("select count(*) from notification where order_id = any(?) and status <> 'SUPPRESSED'",
                orderIds), "no message of a replayed order is sent or waits to be sent");
        assertEquals(0, count("select count(*) from notification where order_id = any(?) and accepted_at is not null",
                orderIds));
        assertTrue(count("select count(*) from notification where order_id = any(?) and status_reason like 'historical event %'",
                orderIds) > dataset.orders().size(), "suppressed milestones are on record");

        // Their deadlines passed years ago: found and recorded as history, nobody told, nothing issued.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> count(
                "select count(*) from order_deadline where order_id = any(?) and due_at <= now()", orderIds) == 0);
        assertTrue(count("select count(*) from incident where order_id = any(?) and reason = 'PROMISE_BROKEN'",
                orderIds) > 0, "broken promises of the sample are on record");
        assertEquals(0, count("select count(*) from incident where order_id = any(?) and live", orderIds),
                "every incident of the sample is history");
        assertEquals(0, count("select count(*) from coupon where order_id = any(?)", orderIds), "no coupon issued");
        assertEquals(0, count("select count(*) from notification where order_id = any(?) and incident_id is not null",
                orderIds), "no apology planned");

        OlistExpectedStats expected = OlistExpectedStats.compute(dir);
        // Parsed with Jackson: REST Assured's JsonPath would round the percentiles to float.
        JsonNode stats = new ObjectMapper().readTree(given().auth().oauth2(Tokens.support())
                .queryParam("from", "2016-01-01").queryParam("to", "2018-12-31")
                .get("/api/stats/delivery").then().statusCode(200).extract().asString());
        assertEquals(expected.delivered(), stats.get("delivered").asLong());
        assertEquals(expected.onTime(), stats.get("onTime").asLong());
        assertEquals(expected.late(), stats.get("late").asLong());
        assertEquals(expected.early(), stats.get("early").asLong());
        JsonNode hours = stats.get("orderToDeliveryHours");
        assertEquals(expected.p50(), hours.get("p50").asDouble(), 1e-6);
        assertEquals(expected.p90(), hours.get("p90").asDouble(), 1e-6);
        assertEquals(expected.p99(), hours.get("p99").asDouble(), 1e-6);

        // The oddities the sample is known to hold are kept and flagged, not dropped.
        Map<String, Long> anomalies = anomalyCounts(orderIds);
        assertEquals(77L, anomalies.get("CONFIRMED_AFTER_SHIPPED"), anomalies.toString());
        assertEquals(3L, anomalies.get("SHIPPED_BEFORE_PLACED"), anomalies.toString());
        assertEquals(3L, anomalies.get("DELIVERED_BEFORE_SHIPPED"), anomalies.toString());
        assertEquals(6L, anomalies.get("DELIVERED_THEN_CANCELLED"), anomalies.toString());
    }

    private long count(String sql, String[] orderIds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", orderIds));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<String, Long> anomalyCounts(String[] orderIds) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select a->>'code', count(*) from order_journey, jsonb_array_elements(anomalies) a
                where order_id = any(?) group by 1""")) {
            s.setArray(1, c.createArrayOf("text", orderIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }
}
