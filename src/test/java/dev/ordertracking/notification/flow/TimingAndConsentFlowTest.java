package dev.ordertracking.notification.flow;

import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import dev.ordertracking.testing.Tokens;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.ordertracking.notification.flow.FlowSupport.awaitStatus;
import static dev.ordertracking.notification.flow.FlowSupport.mails;
import static dev.ordertracking.notification.flow.FlowSupport.sms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quiet hours, the daily cap, pointless messages, STOP / START and channel preferences. */
@QuarkusTest
class TimingAndConsentFlowTest {

    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @InjectGreenMail
    GreenMail mail;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void atNightSmsWaitsForTheMorningWhileEmailGoesAtOnce() throws Exception {
        LocalDate today = LocalDate.now(TEHRAN);
        clock.travelTo(today.atTime(LocalTime.of(22, 30)).atZone(TEHRAN).toInstant());
        Shop order = Shop.order("QUIET", "fa-IR", "Asia/Tehran", clock).placed().confirmed().shipped("S1");

        Notifications.Row deferred = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "DEFERRED");
        Instant morning = today.plusDays(1).atTime(8, 0).atZone(TEHRAN).toInstant();
        assertEquals(morning, deferred.nextAttemptAt());
        awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        Thread.sleep(500);
        assertTrue(sms(twilio, order.phone()).isEmpty(), "no SMS at 22:30");

        clock.travelTo(morning.plusSeconds(60));
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        assertEquals(1, sms(twilio, order.phone()).size());
    }

    @Test
    void aMessageMadePointlessBeforeItWentIsDropped() {
        LocalDate today = LocalDate.now(TEHRAN);
        clock.travelTo(today.atTime(LocalTime.of(23, 0)).atZone(TEHRAN).toInstant());
        Shop order = Shop.order("DROP", "fa-IR", "Asia/Tehran", clock).placed().confirmed();
        awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        order.shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "DEFERRED");
        order.status("S1", "OUT_FOR_DELIVERY");
        awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "DEFERRED");
        order.status("S1", "DELIVERED");

        Notifications.Row out = awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "DROPPED");
        assertEquals("superseded by DELIVERED", out.reason());
        assertEquals("DROPPED", Notifications.one(db, order.orderId(), "SHIPPED", "SMS").status());
        assertEquals(List.of("DEFERRED", "DROPPED"), Notifications.history(db, out.id()));
        awaitStatus(db, order.orderId(), "DELIVERED", "EMAIL", "SENT");
    }

    @Test
    void theDailyCapStopsAFloodOfParcelMessages() {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("CAP", "en", "Europe/London", clock).placed().confirmed();
        FlowSupport.awaitOrder(db, order.orderId());
        for (int parcel = 1; parcel <= 7; parcel++) {
            order.shipped("P" + parcel);
        }
        await().atMost(FlowSupport.WAIT).until(() -> Notifications.of(db, order.orderId()).stream()
                .filter(r -> r.channel().equals("SMS") && r.milestone().equals("SHIPPED"))
                .filter(r -> r.status().equals("ACCEPTED") || r.status().equals("DROPPED")).count() == 7);
        List<Notifications.Row> dropped = Notifications.of(db, order.orderId()).stream()
                .filter(r -> r.channel().equals("SMS") && r.status().equals("DROPPED")).toList();
        assertEquals(2, dropped.size(), "5 a day per order and channel");
        assertTrue(dropped.get(0).reason().startsWith("daily cap of 5 SMS"), dropped.get(0).reason());
        assertEquals(5, sms(twilio, order.phone()).size());
    }

    @Test
    void stopSilencesSmsUntilStartAndEmailCarriesOn() {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("STOP", "pt-BR", "America/Sao_Paulo", clock).placed().confirmed();
        FlowSupport.awaitOrder(db, order.orderId());
        TwilioCalls.inbound(order.phone(), "STOP").then().statusCode(200);

        order.shipped("S1");
        Notifications.Row suppressed = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "SUPPRESSED");
        assertEquals("the number opted out of SMS (STOP)", suppressed.reason());
        awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");

        TwilioCalls.inbound(order.phone(), "START").then().statusCode(200);
        order.status("S1", "OUT_FOR_DELIVERY");
        awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "ACCEPTED");
        assertEquals(1, sms(twilio, order.phone()).size(), "only the message after START");
    }

    @Test
    void aForgedStopChangesNothing() {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("FORGE", "en", "Europe/London", clock).placed().confirmed();
        FlowSupport.awaitOrder(db, order.orderId());
        java.util.Map<String, String> params = java.util.Map.of("From", order.phone(), "Body", "STOP");
        String url = "http://localhost:" + io.restassured.RestAssured.port + "/webhooks/twilio/inbound";
        given().contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioStandIn.signature("wrong-token", url, params))
                .formParams(params).post("/webhooks/twilio/inbound").then().statusCode(403);
        order.shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
    }

    @Test
    void channelPreferencesAreHonoured() {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("PREF", "en", "Europe/London", clock).placed().confirmed();
        FlowSupport.awaitOrder(db, order.orderId());
        given().auth().oauth2(Tokens.support()).contentType("application/json")
                .body("{\"sms\":{\"enabled\":true},\"email\":{\"enabled\":false}}")
                .put("/api/customers/{id}/preferences", order.customerId()).then().statusCode(200);
        order.shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        Notifications.Row email = awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SUPPRESSED");
        assertEquals("the customer turned e-mail off", email.reason());
        assertTrue(mails(mail, order.email()).stream().noneMatch(m -> FlowSupport.subject(m).contains("way")));
    }

    @Test
    void historicalEventsAreRecordedButNeverSent() {
        Instant old = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        clock.travelTo(FlowSupport.daytime());
        TestClock past = new TestClock();
        past.travelTo(old);
        Shop order = Shop.order("HIST", "en", "Europe/London", past).placed().confirmed().shipped("S1");
        Notifications.Row shipped = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "SUPPRESSED");
        assertTrue(shipped.reason().startsWith("historical event"), shipped.reason());
        assertEquals("SUPPRESSED", Notifications.one(db, order.orderId(), "SHIPPED", "EMAIL").status());
        assertTrue(sms(twilio, order.phone()).isEmpty());
        assertTrue(mails(mail, order.email()).isEmpty());
    }
}
