package dev.ordertracking.notification.email;

import dev.ordertracking.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static dev.ordertracking.testing.ContractEvents.placed;
import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static dev.ordertracking.testing.LocalKafka.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The unsubscribe link of every e-mail: a page on GET, e-mail off on POST, nothing for a forged link,
 * a preferences link or an expired one.
 */
@QuarkusTest
class UnsubscribeResourceTest {

    @Inject
    UnsubscribeLinks links;

    @Inject
    dev.ordertracking.testing.TestClock clock;

    @Test
    void oneClickTurnsEmailOffAndLeavesSmsOn() {
        String customerId = knownCustomer();
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe/{token}", tokenFor(customerId)).then()
                .statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("You are unsubscribed"));

        Response first = preferences(customerId);
        first.then().body("sms.enabled", equalTo(true)).body("email.enabled", equalTo(false))
                .body("updatedAt", notNullValue());

        // Again, and as multipart (RFC 8058's preferred encoding): the same state, not a new change.
        given().multiPart("List-Unsubscribe", "One-Click").post("/unsubscribe/{token}", tokenFor(customerId))
                .then().statusCode(200);
        preferences(customerId).then().body("sms.enabled", equalTo(true)).body("email.enabled", equalTo(false))
                .body("updatedAt", equalTo(first.path("updatedAt")));
    }

    @Test
    void unsubscribingKeepsSmsAsTheCustomerSetIt() {
        String customerId = knownCustomer();
        given().auth().oauth2(Tokens.support()).contentType("application/json")
                .body("{\"sms\":{\"enabled\":false},\"email\":{\"enabled\":true}}")
                .put("/api/customers/{id}/preferences", customerId).then().statusCode(200);

        // The page's button posts an empty or one-field form and accepts HTML.
        given().accept("text/html").contentType("application/x-www-form-urlencoded")
                .post("/unsubscribe/{token}", tokenFor(customerId)).then().statusCode(200);

        preferences(customerId).then().body("sms.enabled", equalTo(false)).body("email.enabled", equalTo(false));
    }

    @Test
    void theLinkShowsAPageThatPostsBackAndChangesNothing() {
        String customerId = knownCustomer();
        String body = given().accept("text/html").get("/unsubscribe/{token}", tokenFor(customerId)).then()
                .statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("<form method=\"post\">"))
                .body(containsString("name=\"List-Unsubscribe\" value=\"One-Click\""))
                // self-contained: nothing loaded from anywhere
                .body(not(containsString("src=")), not(containsString("href=")), not(containsString("http")))
                .extract().asString();
        assertNoScript(body);

        preferences(customerId).then().body("sms.enabled", equalTo(true)).body("email.enabled", equalTo(true))
                .body("updatedAt", nullValue());
    }

    @Test
    void forgedAndMalformedLinksAreNotFoundAndChangeNothing() {
        String customerId = knownCustomer();
        UnsubscribeLinks forger = new UnsubscribeLinks("http://localhost", Optional.of("not-the-service-key-but-32-bytes-long"),
                UnsubscribeLinksTest.validity(true), java.time.Clock.systemUTC());
        String forged = forger.tokenFor(UnsubscribeLinks.Purpose.UNSUBSCRIBE, customerId);

        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe/{token}", forged).then()
                .statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", equalTo("no such unsubscribe link"));
        given().accept("text/html").get("/unsubscribe/{token}", forged).then()
                .statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("This link is not valid")).body(not(containsString("<form")));
        given().post("/unsubscribe/{token}", "not-a-token").then()
                .statusCode(404).contentType("application/problem+json");
        given().get("/unsubscribe/{token}", "not-a-token").then().statusCode(404);

        preferences(customerId).then().body("sms.enabled", equalTo(true)).body("email.enabled", equalTo(true))
                .body("updatedAt", nullValue());
    }

    @Test
    void aPreferencesLinkUnsubscribesNobodyAndAnUnsubscribeLinkOpensNoPreferences() {
        String customerId = knownCustomer();
        String preferencesToken = links.preferencesPath(customerId).substring("/preferences/".length());
        given().get("/preferences/{token}", preferencesToken).then().statusCode(200);

        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe/{token}", preferencesToken).then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no such unsubscribe link"));
        given().accept("text/html").get("/unsubscribe/{token}", preferencesToken).then().statusCode(404);

        String unsubscribeToken = tokenFor(customerId);
        given().accept("text/html").get("/preferences/{token}", unsubscribeToken).then().statusCode(404)
                .body(not(containsString("<form")));
        // Turning SMS off and e-mail on with the unsubscribe link's token changes nothing.
        given().contentType("application/x-www-form-urlencoded").formParam("email", "on")
                .redirects().follow(false).post("/preferences/{token}", unsubscribeToken).then().statusCode(404);

        preferences(customerId).then().body("sms.enabled", equalTo(true)).body("email.enabled", equalTo(true))
                .body("updatedAt", nullValue());
    }

    @Test
    void anExpiredLinkSaysSoAndChangesNothing() {
        String customerId = knownCustomer();
        String unsubscribeToken = tokenFor(customerId);
        String preferencesToken = links.preferencesPath(customerId).substring("/preferences/".length());
        try {
            clock.travelTo(Instant.now().plus(Duration.ofDays(8)));
            given().accept("text/html").get("/preferences/{token}", preferencesToken).then()
                    .statusCode(410).contentType(startsWith("text/html"))
                    .body(containsString("This link has expired")).body(not(containsString("<form")));
            given().contentType("application/x-www-form-urlencoded").formParam("email", "on")
                    .redirects().follow(false).post("/preferences/{token}", preferencesToken).then().statusCode(410);
            // Eight days on, a mail's unsubscribe link still works (shown, not used here).
            given().accept("text/html").get("/unsubscribe/{token}", unsubscribeToken).then().statusCode(200);

            clock.travelTo(Instant.now().plus(Duration.ofDays(401)));
            given().accept("text/html").get("/unsubscribe/{token}", unsubscribeToken).then()
                    .statusCode(410).contentType(startsWith("text/html"))
                    .body(containsString("This link has expired")).body(not(containsString("<form")));
            given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                    .post("/unsubscribe/{token}", unsubscribeToken).then()
                    .statusCode(410).contentType("application/problem+json").body("status", equalTo(410))
                    .body("detail", equalTo("this unsubscribe link has expired; use the one in a more recent e-mail"));
        } finally {
            clock.reset();
        }
        preferences(customerId).then().body("sms.enabled", equalTo(true)).body("email.enabled", equalTo(true))
                .body("updatedAt", nullValue());
    }

    private String tokenFor(String customerId) {
        String url = links.urlFor(customerId);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Response preferences(String customerId) {
        Response response = given().auth().oauth2(Tokens.support())
                .get("/api/customers/{id}/preferences", customerId);
        response.then().statusCode(200);
        return response;
    }

    private static void assertNoScript(String html) {
        if (html.toLowerCase().contains("<script")) {
            throw new AssertionError("the unsubscribe page must not run scripts: " + html);
        }
    }

    private static String knownCustomer() {
        String orderId = uniqueOrderId("UNSUB");
        send(placed(orderId, Instant.now(), LocalDate.now().plusDays(3)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.support())
                .get("/api/orders/{id}", orderId).then().statusCode(200));
        return "C-" + orderId;
    }
}
