package dev.ordertracking.devtools;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static dev.ordertracking.testing.NotificationRows.message;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The developer's view of the last customer messages (on in the test build, like the dev build). */
@QuarkusTest
class DevMessagesPageTest {

    @Inject
    AgroalDataSource db;

    @Test
    void jsonListsTheNewestMessagesWithTheirFullText() {
        String orderId = uniqueOrderId("DEV");
        String body = "Your parcel P1 is on its way. ".repeat(12);
        // Dated ahead of anything other tests write (some move the clock), so it is among the newest.
        UUID id = message(orderId, "SHIPPED", "EMAIL").shipment("P1").recipient(orderId + "@example.com")
                .createdAt(Instant.now().plus(Duration.ofDays(30))).text("Your order has shipped", body)
                .status("SENT", null).insert(db);

        given().get("/dev/messages").then().statusCode(200).contentType("application/json")
                .body("size()", lessThanOrEqualTo(50))
                .body("[0].id", equalTo(id.toString()))
                .body("[0].orderId", equalTo(orderId))
                .body("[0].recipient", equalTo(orderId + "@example.com"))
                .body("[0].subject", equalTo("Your order has shipped"))
                .body("[0].body", equalTo(body))
                .body("[0].dedupKey", equalTo(orderId + "/SHIPPED/P1/EMAIL"))
                .body("[0].status", equalTo("SENT"));
    }

    @Test
    void htmlPageShowsTheMessageEscapedAndReloadsItself() {
        String orderId = uniqueOrderId("DEV");
        UUID id = message(orderId, "OUT_FOR_DELIVERY", "SMS").recipient("+989121234567")
                .createdAt(Instant.now().plus(Duration.ofDays(30)))
                .text(null, "Courier <b>today</b> & tomorrow: سفارش شما").status("DELIVERED", null).insert(db);

        String html = given().get("/dev/messages.html").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<meta http-equiv=\"refresh\" content=\"5\">"))
                .body(containsString("id=\"m-" + id + "\""))
                .body(containsString(orderId))
                .body(containsString("+989121234567"))
                .body(containsString("Courier &lt;b&gt;today&lt;/b&gt; &amp; tomorrow: سفارش شما"))
                .body(not(containsString("<b>today")))
                .extract().asString();
        // Self-contained: nothing is fetched from anywhere else (message texts are escaped, so no tag is theirs).
        for (String external : new String[]{"<script", "<link", "<img", "<iframe", "@import"}) {
            assertFalse(html.contains(external), external);
        }
    }
}
