package dev.ordertracking.delay.flow;

import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Support records incidents, apologises once, closes them, lists them and reads the delay stats. */
@QuarkusTest
class IncidentApiTest extends DaytimeFlow {

    @Inject
    AgroalDataSource db;

    private Shop deliveredOrder() {
        Shop order = Shop.order("SUPPORT", "en-GB", "Europe/London", clock).placed().confirmed().shipped("S1")
                .status("S1", "DELIVERED");
        FlowSupport.awaitStatus(db, order.orderId(), "DELIVERED", "EMAIL", "SENT");
        return order;
    }

    @Test
    void supportRecordsAnIncidentAndApologisesForItOnce() {
        Shop order = deliveredOrder();
        String id = given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON)
                .body(Map.of("type", "WRONG_ITEM", "note", "blue cups instead of white"))
                .post("/api/orders/{o}/incidents", order.orderId())
                .then().statusCode(201)
                .header("Location", containsString("/api/orders/" + order.orderId() + "/incidents/"))
                .body("cause", equalTo("WRONG_ITEM"))
                .body("reason", equalTo("WRONG_ITEM"))
                .body("status", equalTo("OPEN"))
                .body("note", equalTo("blue cups instead of white"))
                .body("messagesPlanned", equalTo(0))
                .extract().path("id");

        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON)
                .body(Map.of("type", "WRONG_ITEM", "note", "customer sent photos"))
                .post("/api/orders/{o}/incidents", order.orderId())
                .then().statusCode(200).body("id", equalTo(id)).body("signals.size()", equalTo(2));

        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON).body(Map.of("incidentId", id))
                .post("/api/orders/{o}/apology", order.orderId())
                .then().statusCode(202).body("messagesPlanned", equalTo(1))
                .body("compensation", containsString("coupon"));
        FlowSupport.awaitStatus(db, order.orderId(), "PARCEL_PROBLEM", "EMAIL", "SENT");
        given().auth().oauth2(Tokens.support()).get("/api/orders/{o}", order.orderId()).then().statusCode(200)
                .body("coupons.size()", equalTo(1))
                .body("coupons[0].code", startsWith("SORRY-"))
                .body("coupons[0].incidentId", equalTo(id));

        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON).body(Map.of("incidentId", id))
                .post("/api/orders/{o}/apology", order.orderId())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already told"));

        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON).body(Map.of("note", "replacement sent"))
                .post("/api/orders/{o}/incidents/{i}/close", order.orderId(), id)
                .then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("closeReason", equalTo("closed by support: replacement sent"));
        assertEquals(1, Incidents.coupons(db, order.orderId()).size());
    }

    @Test
    void badRequestsGetProblems() {
        Shop order = deliveredOrder();
        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON)
                .body(Map.of("type", "LATE", "note", "x"))
                .post("/api/orders/{o}/incidents", order.orderId())
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("WRONG_ITEM"));
        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON)
                .body(Map.of("type", "DAMAGED"))
                .post("/api/orders/{o}/incidents", order.orderId())
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON)
                .body(Map.of("type", "DAMAGED", "note", "x"))
                .post("/api/orders/{o}/incidents", "NO-SUCH-ORDER")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON).body("{}")
                .post("/api/orders/{o}/apology", order.orderId())
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON).body("{}")
                .post("/api/orders/{o}/incidents/{i}/close", order.orderId(), "not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.support()).queryParam("status", "PENDING").get("/api/incidents")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.support()).queryParam("reason", "BAD_LUCK").get("/api/incidents")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withGroups("marketing")).get("/api/incidents").then().statusCode(403);
        given().get("/api/stats/delays").then().statusCode(401);
    }

    @Test
    void incidentsAreListedByStatusAndReasonAndCounted() {
        Shop order = deliveredOrder();
        String id = given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON)
                .body(Map.of("type", "MISSING_ITEM", "note", "one cup missing"))
                .post("/api/orders/{o}/incidents", order.orderId()).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.support()).contentType(ContentType.JSON).body(Map.of("incidentId", id))
                .post("/api/orders/{o}/apology", order.orderId()).then().statusCode(202);
        await().atMost(FlowSupport.WAIT).until(() -> Incidents.coupons(db, order.orderId()).size() == 1);
        given().auth().oauth2(Tokens.support()).queryParam("status", "OPEN").queryParam("reason", "MISSING_ITEM")
                .queryParam("size", "200").get("/api/incidents")
                .then().statusCode(200)
                .body("items.reason", everyItem(equalTo("MISSING_ITEM")))
                .body("items.status", everyItem(equalTo("OPEN")))
                .body("items.orderId", hasItem(order.orderId()))
                .body("total", greaterThanOrEqualTo(1));
        given().auth().oauth2(Tokens.support()).get("/api/stats/delays").then().statusCode(200)
                .body("detectionLagSeconds", notNullValue())
                .body("earlyDeliveries", greaterThanOrEqualTo(1));
        // The counts are the tables' own, this test's incident and coupon among them. Other tests' orders
        // may still be moving, so the tables are read before and after the request and must agree.
        String missingItems = "select count(*) from incident where reason = 'MISSING_ITEM'";
        String issuedCoupons = "select count(*) from coupon where status = 'ISSUED' and reason <> 'LOYALTY'";
        await().atMost(FlowSupport.WAIT).untilAsserted(() -> {
            long incidentsBefore = Incidents.count(db, missingItems);
            long couponsBefore = Incidents.count(db, issuedCoupons);
            io.restassured.path.json.JsonPath stats = given().auth().oauth2(Tokens.support()).get("/api/stats/delays")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(incidentsBefore, Incidents.count(db, missingItems), "an incident came meanwhile");
            assertEquals(couponsBefore, Incidents.count(db, issuedCoupons), "a coupon came meanwhile");
            assertTrue(couponsBefore >= 1, "this test's coupon is issued");
            assertEquals(incidentsBefore, stats.getLong("incidentsByReason.MISSING_ITEM.total"));
            assertEquals(couponsBefore, stats.getLong("coupons.issued"));
        });
    }
}
