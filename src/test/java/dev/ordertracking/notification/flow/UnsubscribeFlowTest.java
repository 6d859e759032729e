package dev.ordertracking.notification.flow;

import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.ordertracking.notification.flow.FlowSupport.awaitStatus;
import static dev.ordertracking.notification.flow.FlowSupport.header;
import static dev.ordertracking.notification.flow.FlowSupport.mails;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-click unsubscribe of every e-mail (RFC 8058), without login. */
@QuarkusTest
class UnsubscribeFlowTest {

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @InjectGreenMail
    GreenMail mail;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theHeaderLinkTurnsEmailOffAndLeavesSmsOn() {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("UNSUB", "en", "Europe/London", clock).placed().confirmed();
        Notifications.Row confirmed = awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        MimeMessage message = mails(mail, order.email()).get(0);

        assertEquals("<" + confirmed.id() + "@order-tracking>", header(message, "Message-ID"));
        assertEquals("List-Unsubscribe=One-Click", header(message, "List-Unsubscribe-Post"));
        String link = header(message, "List-Unsubscribe");
        assertNotNull(link);
        assertTrue(link.startsWith("<http://localhost:8080/unsubscribe/") && link.endsWith(">"), link);
        String path = URI.create(link.substring(1, link.length() - 1)).getPath();

        given().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\">"));
        // What a mail client sends for a one-click unsubscribe.
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post(path).then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post(path).then().statusCode(200); // twice is fine

        given().auth().oauth2(Tokens.support()).get("/api/customers/{id}/preferences", order.customerId()).then()
                .statusCode(200).body("email.enabled", equalTo(false)).body("sms.enabled", equalTo(true));
        order.shipped("S1");
        awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        assertEquals("the customer turned e-mail off",
                awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SUPPRESSED").reason());
    }

    @Test
    void aForgedLinkChangesNothing() {
        given().get("/unsubscribe/{token}", "Qy1YWFg.bm90LWEtc2lnbmF0dXJl").then().statusCode(404)
                .contentType(containsString("text/html"));
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe/{token}", "Qy1YWFg.bm90LWEtc2lnbmF0dXJl").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
