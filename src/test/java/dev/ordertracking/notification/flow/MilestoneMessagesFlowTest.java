package dev.ordertracking.notification.flow;

import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.ordertracking.notification.flow.FlowSupport.awaitStatus;
import static dev.ordertracking.notification.flow.FlowSupport.mails;
import static dev.ordertracking.notification.flow.FlowSupport.part;
import static dev.ordertracking.notification.flow.FlowSupport.sms;
import static dev.ordertracking.notification.flow.FlowSupport.subject;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every milestone reaches the customer, in their language, on the configured channels, once. */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(dev.ordertracking.testing.GreenMailResource.class)
class MilestoneMessagesFlowTest extends DaytimeFlow {

    @Inject
    AgroalDataSource db;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @InjectGreenMail
    GreenMail mail;

    @ParameterizedTest
    @CsvSource({
            "en-GB, Europe/London, order, order",
            "fa-IR, Asia/Tehran, سفارش, سفارش",
            "pt-BR, America/Sao_Paulo, pedido, pedido"})
    void everyMilestoneInTheCustomersLanguage(String locale, String zone, String smsWord, String subjectWord) {
        Shop order = Shop.order("MSG", locale, zone, clock).placed().confirmed();
        awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");

        order.shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        order.status("S1", "OUT_FOR_DELIVERY");
        awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "ACCEPTED");
        order.status("S1", "ATTEMPT_FAILED");
        awaitStatus(db, order.orderId(), "ATTEMPT_FAILED", "SMS", "ACCEPTED");
        awaitStatus(db, order.orderId(), "ATTEMPT_FAILED", "EMAIL", "SENT");
        order.status("S1", "AVAILABLE_FOR_PICKUP");
        awaitStatus(db, order.orderId(), "AVAILABLE_FOR_PICKUP", "SMS", "ACCEPTED");
        awaitStatus(db, order.orderId(), "AVAILABLE_FOR_PICKUP", "EMAIL", "SENT");
        order.status("S1", "DELIVERED");
        awaitStatus(db, order.orderId(), "DELIVERED", "SMS", "ACCEPTED");
        awaitStatus(db, order.orderId(), "DELIVERED", "EMAIL", "SENT");

        // One SMS per SMS milestone, each with the customer's words and our tracking link.
        String trackingUrl = "/t/" + FlowSupport.trackingToken(db, order.orderId());
        List<TwilioStandIn.RecordedRequest> texts = sms(twilio, order.phone());
        assertEquals(5, texts.size(), "shipped, out for delivery, attempt failed, pickup, delivered");
        texts.forEach(t -> assertTrue(t.body().contains(trackingUrl) || t.body().contains(order.orderId())
                || t.body().contains("Ana"), t.body()));
        assertTrue(texts.get(0).body().contains(trackingUrl), texts.get(0).body());
        assertTrue(texts.stream().anyMatch(t -> t.body().contains(smsWord)), "in " + locale + ": " + texts);

        // One e-mail per e-mail milestone, HTML and plain text, with a one-click unsubscribe.
        List<MimeMessage> emails = mails(mail, order.email());
        assertEquals(5, emails.size(), "confirmed, shipped, attempt failed, pickup, delivered");
        for (MimeMessage m : emails) {
            assertTrue(subject(m).toLowerCase(java.util.Locale.ROOT).contains(subjectWord), subject(m));
            assertNotNull(part(m, "text/html"));
            assertNotNull(part(m, "text/plain"));
        }
        String html = part(emails.get(0), "text/html");
        if (locale.startsWith("fa")) {
            assertTrue(html.contains("dir=\"rtl\""), "fa e-mail is right-to-left");
            assertTrue(html.chars().anyMatch(ch -> ch >= '۰' && ch <= '۹'), "fa e-mail writes Persian digits");
        }

        // Stored rows say the same.
        Map<String, String> statuses = Notifications.of(db, order.orderId()).stream()
                .collect(Collectors.toMap(Notifications.Row::key, Notifications.Row::status));
        assertEquals(11, statuses.size(), statuses.toString());
        assertEquals("DEFERRED", statuses.get("FEEDBACK_REQUEST/EMAIL"), "the rating request waits a day");

        // Metrics by channel, milestone and status, and the time from event to acceptance.
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tracking_notifications_total{channel=\"SMS\",milestone=\"DELIVERED\",status=\"ACCEPTED\"}"))
                .body(containsString("tracking_notification_acceptance_latency_seconds_count{channel=\"EMAIL\"}"));
    }

    @Test
    void aCancelledOrderHearsOnlyThatByEmail() {
        Shop order = Shop.order("CXL", "en", "Europe/London", clock).placed();
        FlowSupport.awaitOrder(db, order.orderId());
        order.cancelled();
        awaitStatus(db, order.orderId(), "CANCELLED", "EMAIL", "SENT");
        assertEquals(1, mails(mail, order.email()).size());
        assertTrue(sms(twilio, order.phone()).isEmpty());
    }

    @Test
    void duplicatesAndRedeliveriesSendNothingTwice() {
        Shop order = Shop.order("DUP", "en", "Europe/London", clock).placed().confirmed();
        awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        order.shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        com.fasterxml.jackson.databind.node.ObjectNode out = order.event("S1", "OUT_FOR_DELIVERY");
        LocalKafka.send(out);
        LocalKafka.send(out); // the same event again (a producer retry)
        LocalKafka.send(order.event("S1", "OUT_FOR_DELIVERY")); // the same news with a new event id
        order.shipped("S1"); // shipment.created again
        awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "ACCEPTED");
        // Let every record above be consumed before counting.
        order.status("S1", "IN_TRANSIT");
        await().atMost(FlowSupport.WAIT).until(() -> eventCount(order.orderId()) >= 6);
        assertEquals(2, sms(twilio, order.phone()).size(), "shipped and out for delivery, once each");
        assertEquals(2, mails(mail, order.email()).size(), "confirmed and shipped, once each");
    }

    private long eventCount(String orderId) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement("select count(*) from journey_event where order_id = ?")) {
            s.setString(1, orderId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
