package dev.ordertracking.notification.flow;

import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.RecordingSpanExporter;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.ordertracking.notification.flow.FlowSupport.awaitStatus;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace from the shop's event to the customer: the consumed record's span continues the
 * shop's {@code traceparent}; the published event and the Twilio and SMTP calls are its children,
 * although they happen later, on other threads, from rows in the database.
 */
@QuarkusTest
@QuarkusTestResource(dev.ordertracking.testing.GreenMailResource.class)
class TraceFlowTest extends DaytimeFlow {

    @Inject
    AgroalDataSource db;

    @Inject
    RecordingSpanExporter spans;

    @Test
    void theShopsTraceContinuesThroughTheOutboxToTwilioAndSmtp() throws Exception {
        Shop order = Shop.order("TRACE", "en-GB", "Europe/London", clock).placed().confirmed().shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        ConsumerTask<String, String> published = LocalKafka.companion().consumeStrings()
                .fromTopics("order-tracking.v1", Duration.ofSeconds(30));

        String traceId = hex(16);
        String shopSpanId = hex(8);
        LocalKafka.send(LocalKafka.SHIPMENTS, order.orderId(),
                order.event("S1", "DELIVERED").toString().getBytes(StandardCharsets.UTF_8),
                List.of(LocalKafka.header("traceparent", "00-" + traceId + "-" + shopSpanId + "-01")));
        awaitStatus(db, order.orderId(), "DELIVERED", "SMS", "ACCEPTED");
        awaitStatus(db, order.orderId(), "DELIVERED", "EMAIL", "SENT");

        SpanData consumed = awaitSpan(traceId, "shipments.v1 process");
        assertEquals(SpanKind.CONSUMER, consumed.getKind());
        assertEquals(shopSpanId, consumed.getParentSpanId(), "continues the shop's span");
        assertEquals(order.orderId(), consumed.getAttributes().get(
                io.opentelemetry.api.common.AttributeKey.stringKey("messaging.kafka.message.key")));

        SpanData sms = awaitSpan(traceId, "twilio send");
        assertEquals(SpanKind.CLIENT, sms.getKind());
        assertEquals(consumed.getSpanId(), sms.getParentSpanId(), "the SMS was caused by the consumed event");
        assertEquals("DELIVERED", attribute(sms, "notification.milestone"));
        assertEquals("ACCEPTED", attribute(sms, "notification.status"));
        assertTrue(attribute(sms, "notification.provider_id").startsWith("SM"), sms.toString());
        assertFalse(sms.getStatus().getStatusCode() == StatusCode.ERROR);

        SpanData mail = awaitSpan(traceId, "smtp send");
        assertEquals(consumed.getSpanId(), mail.getParentSpanId());
        assertEquals("SENT", attribute(mail, "notification.status"));

        // The published order.delivered: its span is a child of the consumed event's, and the
        // record carries the publication's context to whoever consumes it next.
        SpanData publish = awaitSpan(traceId, "order-tracking.v1 publish");
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertEquals(consumed.getSpanId(), publish.getParentSpanId());
        ConsumerRecord<String, String> delivered = await().atMost(FlowSupport.WAIT).until(
                () -> published.getRecords().stream().filter(r -> order.orderId().equals(r.key()))
                        .filter(r -> r.value().contains("\"order.delivered\"")).findFirst().orElse(null),
                r -> r != null);
        published.stop();
        Header header = delivered.headers().lastHeader("traceparent");
        assertEquals("00-" + traceId + "-" + publish.getSpanId() + "-01",
                new String(header.value(), StandardCharsets.UTF_8));

        // The rows kept the context while the work waited.
        assertEquals(List.of(traceId, traceId), storedTraceIds(order.orderId(), "DELIVERED"));
    }

    @Test
    void aResendContinuesTheSupportRequestThatAskedForIt() {
        Shop order = Shop.order("TRACE", "en-GB", "Europe/London", clock).placed().confirmed().shipped("S1");
        var original = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");

        String resentId = given().auth().oauth2(Tokens.support())
                .post("/api/orders/{o}/notifications/{n}/resend", order.orderId(), original.id())
                .then().statusCode(202).extract().path("id");
        String traceId = await().atMost(FlowSupport.WAIT).until(() -> traceIdOf(resentId), t -> t != null);

        SpanData request = awaitSpan(traceId, "POST /api/orders/{orderId}/notifications/{notificationId}/resend");
        assertEquals(SpanKind.SERVER, request.getKind());
        SpanData sms = awaitSpan(traceId, "twilio send");
        assertEquals(request.getSpanId(), sms.getParentSpanId(), "the resend belongs to the request's trace");
        assertEquals(resentId, attribute(sms, "notification.id"));
    }

    private SpanData awaitSpan(String traceId, String name) {
        return await().alias(name + " in trace " + traceId).atMost(FlowSupport.WAIT)
                .until(() -> spans.ofTrace(traceId).stream().filter(s -> s.getName().equals(name)).findFirst()
                        .orElse(null), s -> s != null);
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(key));
    }

    private List<String> storedTraceIds(String orderId, String milestone) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select trace_parent from notification "
                     + "where order_id = ? and milestone = ? order by channel")) {
            s.setString(1, orderId);
            s.setString(2, milestone);
            List<String> ids = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1).split("-")[1]);
                }
            }
            return ids;
        }
    }

    private String traceIdOf(String notificationId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select trace_parent from notification where id = ?::uuid")) {
            s.setString(1, notificationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1).split("-")[1] : null;
            }
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
