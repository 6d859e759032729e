package dev.ordertracking.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A delivered order is rated once on its tracking page; a low rating opens a follow-up for support. */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(dev.ordertracking.testing.GreenMailResource.class)
class FeedbackTest extends DaytimeFlow {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @dev.ordertracking.testing.InjectGreenMail
    com.icegreen.greenmail.util.GreenMail mail;

    private String token(String orderId) {
        return FlowSupport.trackingToken(db, orderId);
    }

    private Shop delivered(boolean late) throws Exception {
        Shop order = Shop.order("RATE", "en-GB", "Europe/London", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        if (late) {
            clock.travelTo(promised.plusDays(1).atTime(12, 0).atZone(ZoneId.of("Europe/London")).toInstant());
        }
        order.status("S1", "DELIVERED");
        await().atMost(FlowSupport.WAIT).until(() -> "DELIVERED".equals(status(order.orderId())));
        return order;
    }

    private String status(String orderId) {
        return FlowSupport.orderStatus(db, orderId);
    }

    private JsonNode stats() throws Exception {
        return JSON.readTree(given().auth().oauth2(Tokens.support()).get("/api/stats/feedback").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void aDeliveredOrderIsRatedOnceOnItsPage() throws Exception {
        JsonNode before = stats();
        Shop order = delivered(false);
        String token = token(order.orderId());
        String page = given().get("/t/{t}", token).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"feedback\"") && page.contains("name=\"rating\""), "the page asks");

        given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("rating", "5").formParam("comment", "Quick and well packed")
                .post("/t/{t}/feedback", token)
                .then().statusCode(303).header("Location", endsWith("/t/" + token + "#feedback"));
        String thanked = given().get("/t/{t}", token).then().statusCode(200).extract().asString();
        assertTrue(thanked.contains("Thank you! You rated this order 5 of 5."), thanked);
        assertFalse(thanked.contains("name=\"rating\""), "asked once");

        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("rating", "1")
                .post("/t/{t}/feedback", token)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("rated already"));
        given().auth().oauth2(Tokens.support()).get("/api/orders/{o}", order.orderId()).then().statusCode(200)
                .body("feedback.rating", equalTo(5))
                .body("feedback.comment", equalTo("Quick and well packed"))
                .body("feedback.onTime", equalTo(true))
                .body("followUps.size()", equalTo(0));
        JsonNode after = stats();
        assertEquals(before.get("count").asLong() + 1, after.get("count").asLong());
        assertEquals(before.at("/onTime/count").asLong() + 1, after.at("/onTime/count").asLong());
    }

    @Test
    void aLowRatingOfALateOrderOpensAFollowUp() throws Exception {
        JsonNode before = stats();
        Shop order = delivered(true);
        String token = token(order.orderId());
        given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("rating", "2").formParam("comment", "Three days late")
                .post("/t/{t}/feedback", token).then().statusCode(303);

        String id = given().auth().oauth2(Tokens.support()).queryParam("status", "OPEN").queryParam("size", "200")
                .get("/api/follow-ups").then().statusCode(200)
                .body("items.orderId", hasItem(order.orderId()))
                .extract().path("items.find { it.orderId == '" + order.orderId() + "' }.id");
        given().auth().oauth2(Tokens.support()).get("/api/orders/{o}", order.orderId()).then().statusCode(200)
                .body("followUps[0].reason", equalTo("LOW_RATING"))
                .body("followUps[0].detail", equalTo("rated 2 of 5, delivered late: Three days late"))
                .body("feedback.onTime", equalTo(false));
        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON).body(Map.of("note", "called, refunded"))
                .post("/api/follow-ups/{id}/close", id).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closeNote", equalTo("called, refunded"));

        JsonNode after = stats();
        assertEquals(before.at("/late/count").asLong() + 1, after.at("/late/count").asLong());
        assertEquals(before.get("lowRatings").asLong() + 1, after.get("lowRatings").asLong());
    }

    @Test
    void aDayAfterDeliveryTheCustomerIsAskedForARatingOnce() throws Exception {
        Shop order = delivered(false);
        Notifications.Row asked = FlowSupport.awaitStatus(db, order.orderId(), "FEEDBACK_REQUEST", "EMAIL", "DEFERRED");
        java.time.Instant deliveredAt = clock.instant();
        assertTrue(Math.abs(java.time.Duration.between(deliveredAt.plus(java.time.Duration.ofHours(24)),
                asked.nextAttemptAt()).toSeconds()) < 30, "due a day after delivery: " + asked.nextAttemptAt());
        assertEquals(0, FlowSupport.mails(mail, order.email()).stream()
                .filter(m -> FlowSupport.subject(m).contains("How was your order")).count());

        clock.travelTo(asked.nextAttemptAt().plusSeconds(60));
        FlowSupport.awaitStatus(db, order.orderId(), "FEEDBACK_REQUEST", "EMAIL", "SENT");
        jakarta.mail.internet.MimeMessage email = FlowSupport.mails(mail, order.email()).stream()
                .filter(m -> FlowSupport.subject(m).equals("How was your order?")).findFirst().orElseThrow();
        assertTrue(FlowSupport.part(email, "text/html").contains("/t/" + token(order.orderId()) + "#feedback"));
        assertEquals(1, Notifications.of(db, order.orderId()).stream()
                .filter(r -> r.milestone().equals("FEEDBACK_REQUEST")).count(), "once per order");
    }

    @Test
    void onlyDeliveredOrdersAndValidRatingsAreTaken() throws Exception {
        Shop open = Shop.order("RATE", "en-GB", "Europe/London", clock).placed().confirmed();
        FlowSupport.awaitStatus(db, open.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        String token = token(open.orderId());
        assertFalse(given().get("/t/{t}", token).then().statusCode(200).extract().asString()
                .contains("name=\"rating\""), "nothing to rate before delivery");
        given().contentType(ContentType.URLENC).formParam("rating", "4").post("/t/{t}/feedback", token)
                .then().statusCode(409).contentType("application/problem+json");

        Shop delivered = delivered(false);
        String deliveredToken = token(delivered.orderId());
        for (String bad : new String[]{"0", "6", "five", ""}) {
            given().contentType(ContentType.URLENC).formParam("rating", bad).post("/t/{t}/feedback", deliveredToken)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().contentType(ContentType.URLENC).formParam("rating", "3").formParam("comment", "x".repeat(2001))
                .post("/t/{t}/feedback", deliveredToken).then().statusCode(400);
        given().contentType(ContentType.URLENC).formParam("rating", "3").post("/t/{t}/feedback", "A".repeat(22))
                .then().statusCode(404);
        given().auth().oauth2(Tokens.support()).queryParam("status", "MAYBE").get("/api/follow-ups")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
