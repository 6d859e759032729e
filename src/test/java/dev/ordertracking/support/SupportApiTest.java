package dev.ordertracking.support;

import dev.ordertracking.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static dev.ordertracking.testing.ContractEvents.placed;
import static dev.ordertracking.testing.ContractEvents.shipped;
import static dev.ordertracking.testing.ContractEvents.status;
import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static dev.ordertracking.testing.LocalKafka.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The support API: security, search, statistics and its errors, over HTTP. */
@QuarkusTest
class SupportApiTest {

    @Test
    void apiNeedsATokenWithTheSupportGroup() {
        given().get("/api/orders/X").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401))
                .header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not-a-jwt").get("/api/orders").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.withGroups("marketing")).get("/api/orders/X").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("group"));
        given().auth().oauth2(Tokens.withGroups("marketing")).get("/api/stats/delivery").then().statusCode(403);
    }

    @Test
    void unknownOrderAndBadParametersAreProblems() {
        given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", "NO-SUCH-ORDER").then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found")).body("detail", equalTo("no order NO-SUCH-ORDER"))
                .body("instance", equalTo("/api/orders/NO-SUCH-ORDER"));
        given().auth().oauth2(Tokens.support()).queryParam("status", "LOST").get("/api/orders").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("status 'LOST'"));
        given().auth().oauth2(Tokens.support()).queryParam("size", "5000").get("/api/orders").then()
                .statusCode(400).body("detail", equalTo("size must be between 1 and 200"));
        given().auth().oauth2(Tokens.support()).queryParam("page", "x").get("/api/orders").then()
                .statusCode(400).body("detail", equalTo("page must be a whole number"));
        given().auth().oauth2(Tokens.support()).queryParam("from", "yesterday").get("/api/stats/delivery").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("from 'yesterday'"));
        given().auth().oauth2(Tokens.support()).get("/api/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("stackTrace", equalTo(null));
    }

    @Test
    void searchFindsOrdersByContactTrackingStatusAndLateness() {
        String onTime = uniqueOrderId("SEARCH");
        String overdue = uniqueOrderId("SEARCH");
        Instant placedAt = Instant.now().minus(Duration.ofDays(10));
        send(placed(onTime, placedAt, LocalDate.now().plusDays(5)));
        send(shipped(onTime, "P1", placedAt.plusSeconds(3600), null));
        send(placed(overdue, placedAt, LocalDate.now().minusDays(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.support())
                .get("/api/orders/{id}", overdue).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.support())
                .get("/api/orders/{id}", onTime).then().body("status", equalTo("SHIPPED")));

        given().auth().oauth2(Tokens.support()).queryParam("email", onTime.toUpperCase() + "@EXAMPLE.COM")
                .get("/api/orders").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].orderId", equalTo(onTime))
                .body("items[0].customerName", equalTo("Sara Ahmadi"));
        given().auth().oauth2(Tokens.support()).queryParam("trackingNumber", "JDP1").queryParam("size", 200)
                .get("/api/orders").then().body("items.orderId", hasItem(onTime));
        given().auth().oauth2(Tokens.support()).queryParam("status", "SHIPPED").queryParam("size", 200)
                .get("/api/orders").then().body("items.orderId", hasItem(onTime))
                .body("items.orderId", not(hasItem(overdue)));
        given().auth().oauth2(Tokens.support()).queryParam("late", "true").queryParam("email", overdue + "@example.com")
                .get("/api/orders").then().body("total", equalTo(1));
        given().auth().oauth2(Tokens.support()).queryParam("late", "false").queryParam("email", overdue + "@example.com")
                .get("/api/orders").then().body("total", equalTo(0));
    }

    @Test
    void deliveryStatsCountOnTimeLateEarlyWithPercentiles() {
        // A period of its own (2011) so other tests' deliveries do not count.
        Instant base = LocalDate.of(2011, 3, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String early = uniqueOrderId("STATS");
        String onDay = uniqueOrderId("STATS");
        String late = uniqueOrderId("STATS");
        Duration earlyTook = Duration.ofHours(10);
        Duration onDayTook = Duration.ofDays(3).plus(Duration.ofHours(21));
        Duration lateTook = Duration.ofDays(2).plus(Duration.ofHours(21));
        deliver(early, base, LocalDate.of(2011, 3, 10), base.plus(earlyTook));
        // Customers are in Tehran (UTC+3:30): 2011-03-04T21:00Z is already the 5th there, the promised day.
        deliver(onDay, base, LocalDate.of(2011, 3, 5), base.plus(onDayTook));
        deliver(late, base, LocalDate.of(2011, 3, 2), base.plus(lateTook));
        double[] hours = {earlyTook.toMinutes() / 60.0, lateTook.toMinutes() / 60.0, onDayTook.toMinutes() / 60.0};

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.support())
                .queryParam("from", "2011-03-01").queryParam("to", "2011-03-31").get("/api/stats/delivery").then()
                .statusCode(200).body("delivered", equalTo(3)));
        io.restassured.path.json.JsonPath stats = given().auth().oauth2(Tokens.support())
                .queryParam("from", "2011-03-01").queryParam("to", "2011-03-31")
                .get("/api/stats/delivery").then()
                .body("onTime", equalTo(2)).body("late", equalTo(1)).body("early", equalTo(1))
                .body("onTimeRate", equalTo((float) (2.0 / 3)))
                .extract().jsonPath();
        // 10, 69 and 93 hours: p50 is the middle one, p90 and p99 lie between the last two.
        assertEquals(69.0, interpolatedPercentile(hours, 0.5), 1e-9);
        assertEquals(interpolatedPercentile(hours, 0.5), stats.getDouble("orderToDeliveryHours.p50"), 1e-3);
        assertEquals(interpolatedPercentile(hours, 0.9), stats.getDouble("orderToDeliveryHours.p90"), 1e-3);
        assertEquals(interpolatedPercentile(hours, 0.99), stats.getDouble("orderToDeliveryHours.p99"), 1e-3);
    }

    /** A percentile of sorted values, interpolated between neighbours as PostgreSQL's percentile_cont. */
    private static double interpolatedPercentile(double[] sorted, double fraction) {
        double position = fraction * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static void deliver(String orderId, Instant placedAt, LocalDate promised, Instant deliveredAt) {
        send(placed(orderId, placedAt, promised));
        send(shipped(orderId, "S1", placedAt.plusSeconds(60), null));
        send(status(orderId, "S1", "DELIVERED", deliveredAt));
    }
}
