package dev.ordertracking.support;

import dev.ordertracking.notification.flow.TwilioCalls;
import dev.ordertracking.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static dev.ordertracking.testing.ContractEvents.placed;
import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static dev.ordertracking.testing.LocalKafka.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Customers' message preferences over REST. */
@QuarkusTest
class PreferencesApiTest {

    @Test
    void bothChannelsAreOnUntilChanged() {
        String customerId = knownCustomer();
        given().auth().oauth2(Tokens.support()).get("/api/customers/{id}/preferences", customerId).then()
                .statusCode(200).body("customerId", equalTo(customerId))
                .body("sms.enabled", equalTo(true)).body("email.enabled", equalTo(true));

        given().auth().oauth2(Tokens.support()).contentType("application/json")
                .body("{\"sms\":{\"enabled\":false},\"email\":{\"enabled\":true}}")
                .put("/api/customers/{id}/preferences", customerId).then()
                .statusCode(200).body("sms.enabled", equalTo(false)).body("updatedAt", notNullValue());
        given().auth().oauth2(Tokens.support()).get("/api/customers/{id}/preferences", customerId).then()
                .body("sms.enabled", equalTo(false)).body("email.enabled", equalTo(true));
    }

    @Test
    void aStopTextedByTheCustomerShowsAndOnlyTheirStartLiftsIt() {
        String customerId = knownCustomer();
        String phone = given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", customerId.substring(2))
                .then().statusCode(200).extract().path("customer.phone");
        TwilioCalls.inbound(phone, "STOP").then().statusCode(200);

        String optedOutAt = given().auth().oauth2(Tokens.support()).get("/api/customers/{id}/preferences", customerId)
                .then().statusCode(200)
                .body("sms.enabled", equalTo(false)).body("sms.optedOutBy", equalTo("STOP"))
                .body("sms.optedOutAt", notNullValue()).body("email.enabled", equalTo(true))
                .extract().path("sms.optedOutAt");

        // Support cannot override the customer's STOP; nothing is changed by the attempt.
        given().auth().oauth2(Tokens.support()).contentType("application/json")
                .body("{\"sms\":{\"enabled\":true},\"email\":{\"enabled\":false}}")
                .put("/api/customers/{id}/preferences", customerId).then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("customer " + customerId + " texted STOP on " + optedOutAt
                        + ": SMS stays off until they text START; support cannot turn it back on"))
                .body("optedOutBy", equalTo("STOP")).body("optedOutAt", equalTo(optedOutAt));
        given().auth().oauth2(Tokens.support()).get("/api/customers/{id}/preferences", customerId).then()
                .body("sms.enabled", equalTo(false)).body("email.enabled", equalTo(true))
                .body("updatedAt", nullValue());
        // Other channels can still be changed; the STOP still shows.
        given().auth().oauth2(Tokens.support()).contentType("application/json")
                .body("{\"sms\":{\"enabled\":false},\"email\":{\"enabled\":false}}")
                .put("/api/customers/{id}/preferences", customerId).then()
                .statusCode(200).body("sms.enabled", equalTo(false)).body("sms.optedOutBy", equalTo("STOP"))
                .body("email.enabled", equalTo(false));

        TwilioCalls.inbound(phone, "START").then().statusCode(200);
        given().auth().oauth2(Tokens.support()).get("/api/customers/{id}/preferences", customerId).then()
                .body("sms.enabled", equalTo(false)).body("sms.optedOutBy", nullValue())
                .body("sms.optedOutAt", nullValue());
        given().auth().oauth2(Tokens.support()).contentType("application/json")
                .body("{\"sms\":{\"enabled\":true},\"email\":{\"enabled\":true}}")
                .put("/api/customers/{id}/preferences", customerId).then()
                .statusCode(200).body("sms.enabled", equalTo(true)).body("sms.optedOutBy", nullValue());
    }

    @Test
    void unknownCustomersAndBadBodiesAreProblems() {
        given().auth().oauth2(Tokens.support()).get("/api/customers/{id}/preferences", "NOBODY").then()
                .statusCode(404).contentType("application/problem+json").body("detail", equalTo("no customer NOBODY"));
        String customerId = knownCustomer();
        given().auth().oauth2(Tokens.support()).contentType("application/json").body("{\"sms\":{\"enabled\":true}}")
                .put("/api/customers/{id}/preferences", customerId).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("email"));
        given().auth().oauth2(Tokens.support()).contentType("application/json").body("{not json")
                .put("/api/customers/{id}/preferences", customerId).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withGroups("marketing")).get("/api/customers/{id}/preferences", customerId)
                .then().statusCode(403);
    }

    private static String knownCustomer() {
        String orderId = uniqueOrderId("PREF");
        send(placed(orderId, Instant.now(), LocalDate.now().plusDays(3)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.support())
                .get("/api/orders/{id}", orderId).then().statusCode(200));
        return "C-" + orderId;
    }
}
