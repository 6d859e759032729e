package dev.ordertracking.notification.flow;

import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;

import static dev.ordertracking.notification.flow.FlowSupport.awaitStatus;
import static dev.ordertracking.notification.flow.FlowSupport.mails;
import static dev.ordertracking.notification.flow.FlowSupport.sms;
import static dev.ordertracking.notification.flow.FlowSupport.smsAttempts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the dispatcher does with Twilio's answers and status callbacks. */
@QuarkusTest
class ProviderOutcomesFlowTest extends DaytimeFlow {

    @Inject
    AgroalDataSource db;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @InjectGreenMail
    GreenMail mail;

    private Shop outForDelivery(String prefix) {
        Shop order = Shop.order(prefix, "en", "Europe/London", clock).placed().confirmed();
        awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        order.shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED", "FAILED");
        return order;
    }

    @Test
    void transientErrorsAreRetriedUntilTwilioTakesTheMessage() {
        Shop order = Shop.order("RETRY", "en", "Europe/London", clock);
        twilio.failFor(order.phone(), 400, 30003, "Unreachable destination handset");
        order.placed().confirmed();
        awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        order.shipped("S1");
        Notifications.Row retrying = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "RETRYING");
        assertEquals("30003", retrying.errorCode());
        twilio.reset(); // Twilio recovers

        Notifications.Row sent = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        assertTrue(sent.attempts() >= 2);
        assertEquals(1, sms(twilio, order.phone()).size());
        List<String> history = Notifications.history(db, sent.id());
        assertTrue(history.contains("RETRYING:30003"), history.toString());
        assertEquals("ACCEPTED", history.get(history.size() - 1));
    }

    @Test
    void anAnswerLostOnTheWayIsReconciledNotSentAgain() {
        Shop order = Shop.order("LOST", "en", "Europe/London", clock).placed().confirmed();
        awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        twilio.acceptThenHangUp(order.phone());
        order.shipped("S1");

        Notifications.Row accepted = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        assertEquals(1, twilio.messagesTo(order.phone()).size(), "Twilio holds one message, not two");
        assertEquals(1, smsAttempts(twilio, order.phone()).size(), "no second POST");
        assertTrue(accepted.providerId().startsWith("SM"), accepted.providerId());
        assertTrue(Notifications.history(db, accepted.id()).contains("RETRYING:CONNECTION"));
    }

    @Test
    void aDispatcherThatDiedAfterTwilioAcceptedDoesNotSendAgain() throws Exception {
        Shop order = outForDelivery("CRASH");
        Notifications.Row sent = Notifications.one(db, order.orderId(), "SHIPPED", "SMS");
        String sid = sent.providerId();
        // As if the dispatcher died after Twilio's answer and before recording it: claimed, lease run out.
        // By the service's clock, not the database's: the test clock is set to 14:00 UTC today, and
        // after that hour the database's now() lies ahead of it and the claim would not be due yet.
        Timestamp leaseOver = Timestamp.from(clock.instant().minusSeconds(1));
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                update notification set status = 'SENDING', provider_id = null, accepted_at = null,
                    claimed_until = ?, next_attempt_at = ?
                where id = ?::uuid""")) {
            s.setTimestamp(1, leaseOver);
            s.setTimestamp(2, leaseOver);
            s.setString(3, sent.id());
            s.executeUpdate();
        }

        Notifications.Row reconciled = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        assertEquals(sid, reconciled.providerId(), "the message Twilio already had");
        assertEquals(1, smsAttempts(twilio, order.phone()).size(), "not sent again");
        assertEquals(1, twilio.messagesTo(order.phone()).size());
    }

    @Test
    void anInvalidNumberFailsAtOnceAndTheMessageGoesByEmail() {
        Shop order = outForDelivery("BADNUM");
        twilio.failFor(order.phone(), 400, 21211, "The 'To' number is not a valid phone number.");
        order.status("S1", "OUT_FOR_DELIVERY");

        Notifications.Row failed = awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "FAILED");
        assertEquals("21211", failed.errorCode());
        assertEquals(1, smsAttempts(twilio, order.phone()).stream().filter(r -> r.answeredStatus() == 400).count(),
                "a permanent error is not retried");
        Notifications.Row fallback = awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "EMAIL", "SENT");
        assertEquals(failed.id(), fallback.fallbackOf());
        assertEquals(3, mails(mail, order.email()).size(), "confirmed, shipped and the fallback");
    }

    @Test
    void anUnsubscribedNumberIsOptedOut() throws Exception {
        Shop order = outForDelivery("UNSUB");
        twilio.failFor(order.phone(), 400, 21610, "Attempt to send to unsubscribed recipient");
        order.status("S1", "OUT_FOR_DELIVERY");
        awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "FAILED");
        awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "EMAIL", "SENT");
        assertTrue(optedOut(order.phone()));

        twilio.reset();
        order.status("S1", "DELIVERED");
        Notifications.Row delivered = awaitStatus(db, order.orderId(), "DELIVERED", "SMS", "SUPPRESSED");
        assertEquals("the number opted out of SMS (STOP)", delivered.reason());
    }

    @Test
    void statusCallbacksOnlyMoveForwardAndRepeatsChangeNothing() {
        Shop order = outForDelivery("CALLBACK");
        Notifications.Row sms = Notifications.one(db, order.orderId(), "SHIPPED", "SMS");
        String sid = sms.providerId();

        TwilioCalls.statusCallback(sms.id(), sid, "delivered", null, true).then().statusCode(204);
        TwilioCalls.statusCallback(sms.id(), sid, "sent", null, true).then().statusCode(204); // late
        TwilioCalls.statusCallback(sms.id(), sid, "delivered", null, true).then().statusCode(204); // repeated
        TwilioCalls.statusCallback(null, sid, "queued", null, true).then().statusCode(204); // late, by SID only

        assertEquals("DELIVERED", Notifications.one(db, order.orderId(), "SHIPPED", "SMS").status());
        assertEquals(List.of("PENDING", "ACCEPTED", "DELIVERED"), Notifications.history(db, sms.id()));
    }

    @Test
    void aForgedCallbackIsRefused() {
        Shop order = outForDelivery("FORGED");
        Notifications.Row sms = Notifications.one(db, order.orderId(), "SHIPPED", "SMS");
        TwilioCalls.statusCallback(sms.id(), sms.providerId(), "failed", "30006", false).then().statusCode(403)
                .contentType("application/problem+json");
        assertEquals("ACCEPTED", Notifications.one(db, order.orderId(), "SHIPPED", "SMS").status());
    }

    @Test
    void undeliverableToALandlineFallsBackToEmail() {
        Shop order = outForDelivery("LANDLINE");
        order.status("S1", "OUT_FOR_DELIVERY");
        Notifications.Row out = awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS", "ACCEPTED");
        TwilioCalls.statusCallback(out.id(), out.providerId(), "undelivered", "30006", true).then().statusCode(204);

        Notifications.Row undelivered = Notifications.one(db, order.orderId(), "OUT_FOR_DELIVERY", "SMS");
        assertEquals("UNDELIVERED", undelivered.status());
        assertEquals("30006", undelivered.errorCode());
        Notifications.Row fallback = awaitStatus(db, order.orderId(), "OUT_FOR_DELIVERY", "EMAIL", "SENT");
        assertEquals(out.id(), fallback.fallbackOf());
    }

    private boolean optedOut(String phone) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from sms_opt_out where phone = ?")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
