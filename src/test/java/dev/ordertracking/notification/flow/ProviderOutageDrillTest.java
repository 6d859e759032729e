package dev.ordertracking.notification.flow;

import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drill: Twilio answers 503 and 429 for a whole minute. Meanwhile the messages wait and are retried,
 * and readiness says what is wrong (still UP: nothing the service does is broken); afterwards each
 * SMS reaches Twilio exactly once and nothing is left waiting. Retries as in production (backoff up
 * to seconds, many attempts), so the minute does not exhaust them.
 */
@QuarkusTest
@TestProfile(ProviderOutageDrillTest.ProductionRetries.class)
class ProviderOutageDrillTest {

    public static class ProductionRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracking.notifications.dispatch.max-attempts", "30",
                    "tracking.notifications.dispatch.initial-backoff", "PT1S",
                    "tracking.notifications.dispatch.max-backoff", "PT5S",
                    // Short enough to wait out a mail server that hangs a few times over.
                    "quarkus.mailer.timeout", MAILER_TIMEOUT.toString());
        }
    }

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration MAILER_TIMEOUT = Duration.ofSeconds(3);

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @dev.ordertracking.testing.InjectGreenMail
    com.icegreen.greenmail.util.GreenMail mail;

    @dev.ordertracking.testing.InjectGreenMail
    dev.ordertracking.testing.GreetingDelayRelay smtp;

    @AfterEach
    void resetClock() {
        clock.reset();
        smtp.acceptConnections();
        smtp.greetAgain();
    }

    private Map<String, Object> providers() {
        return JsonPath.from(Management.given().get("/q/health/ready").then().statusCode(200).extract().asString())
                .getMap("checks.find { it.name == 'notification-providers' }.data");
    }

    @Test
    void aMailServerRefusingConnectionsDelaysEmailsAndLosesOrDoublesNone() throws Exception {
        clock.travelTo(FlowSupport.daytime());
        smtp.refuseConnections();
        List<Shop> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(Shop.order("SMTPDOWN", "en", "Europe/London", clock).placed().confirmed());
        }
        for (Shop order : orders) {
            FlowSupport.awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "RETRYING");
        }
        Map<String, Object> during = providers();
        assertTrue(String.valueOf(during.get("warning")).contains("EMAIL provider failing since"), during.toString());
        assertTrue(during.containsKey("email.last-error"), during.toString());

        Thread.sleep(20_000);
        smtp.acceptConnections();
        for (Shop order : orders) {
            FlowSupport.awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
            assertEquals(1, FlowSupport.mails(mail, order.email()).size(), "received once");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !providers().containsKey("email.failing-since"));
    }

    @Test
    void aMailServerThatNeverGreetsTimesOutEachSendAndTheEmailsAreDeliveredOnceWhenItDoes() throws Exception {
        clock.travelTo(FlowSupport.daytime());
        smtp.withholdGreeting();
        List<Shop> orders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            orders.add(Shop.order("SMTPHANG", "en", "Europe/London", clock).placed().confirmed());
        }
        // Each send waits for the mailer's timeout (the real one, not a made-up exception), fails as transient
        // and is tried again.
        for (Shop order : orders) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Notifications.Row row = Notifications.one(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL");
                return row != null && row.attempts() >= 2 && row.status().equals("RETRYING");
            });
        }
        Map<String, Object> during = providers();
        assertEquals("CONNECTION: no answer from the SMTP server within " + MAILER_TIMEOUT, during.get("email.last-error"),
                during.toString());

        smtp.greetAgain();
        for (Shop order : orders) {
            FlowSupport.awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
            // Delivered. Not yet "exactly once": a send the mailer's timeout gave up on is not cancelled
            // (the Vert.x client cannot be stopped) and may still deliver when the server recovers.
            assertFalse(FlowSupport.mails(mail, order.email()).isEmpty(), "received");
        }
    }

    @Test
    void aMinuteOfTwilioErrorsDelaysMessagesAndLosesOrDoublesNone() throws Exception {
        clock.travelTo(FlowSupport.daytime());
        List<Shop> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Shop order = Shop.order("OUTAGE", "en", "Europe/London", clock);
            if (i % 2 == 0) {
                twilio.failFor(order.phone(), 503, 20500, "Service unavailable");
            } else {
                twilio.failFor(order.phone(), 429, 20429, "Too many requests");
            }
            orders.add(order);
        }
        Instant start = Instant.now();
        orders.forEach(o -> o.placed().confirmed().shipped("S1"));
        for (Shop order : orders) {
            FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "RETRYING");
        }

        JsonPath health = JsonPath.from(Management.given().get("/q/health/ready").then().statusCode(200).extract().asString());
        Map<String, Object> data = health.getMap("checks.find { it.name == 'notification-providers' }.data");
        assertTrue(String.valueOf(data.get("sms.last-error")).matches("(20500|20429): .*"), data.toString());
        assertTrue(String.valueOf(data.get("warning")).contains("SMS provider failing since"), data.toString());

        Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(start, Instant.now())).toMillis()));
        for (Shop order : orders) {
            String status = Notifications.one(db, order.orderId(), "SHIPPED", "SMS").status();
            assertTrue(status.equals("RETRYING") || status.equals("SENDING"),
                    "still being tried after a minute, not given up: " + status);
        }
        orders.forEach(o -> twilio.recover(o.phone()));

        for (Shop order : orders) {
            Notifications.Row sent = FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
            assertTrue(sent.attempts() >= 3, "retried through the outage: " + sent.attempts());
            assertEquals(1, twilio.messagesTo(order.phone()).size(), "created once at Twilio");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> after = JsonPath.from(Management.given().get("/q/health/ready").then().extract().asString())
                    .getMap("checks.find { it.name == 'notification-providers' }.data");
            return !after.containsKey("sms.failing-since");
        });
        assertFalse(Management.given().get("/q/health/ready").then().statusCode(200).extract().asString().contains("failing since"));
    }
}
