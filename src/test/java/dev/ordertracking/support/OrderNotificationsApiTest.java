package dev.ordertracking.support;

import dev.ordertracking.testing.NotificationRows;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.ordertracking.testing.ContractEvents.placed;
import static dev.ordertracking.testing.ContractEvents.uniqueOrderId;
import static dev.ordertracking.testing.LocalKafka.send;
import static dev.ordertracking.testing.NotificationRows.message;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Customer messages as support sees them on an order, and resending one. */
@QuarkusTest
class OrderNotificationsApiTest {

    @Inject
    AgroalDataSource db;

    @Test
    void orderViewListsMessagesOldestFirstWithTheirHistory() {
        String orderId = placedOrder();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        String longText = "Your parcel P1 is on its way. ".repeat(10);
        UUID email = message(orderId, "SHIPPED", "EMAIL").shipment("P1").recipient("sara@example.com")
                .createdAt(t0.plusSeconds(60)).text("Your order has shipped", longText)
                .status("SENT", null).provider("<m1@smtp>", "accepted by SMTP server", t0.plusSeconds(62))
                .history("PENDING", t0.plusSeconds(60), null)
                .history("SENDING", t0.plusSeconds(61), null)
                .history("SENT", t0.plusSeconds(62), "<m1@smtp>", "accepted by SMTP server", null, null, null)
                .insert(db);
        UUID sms = message(orderId, "SHIPPED", "SMS").shipment("P1").recipient("+989120000001")
                .createdAt(t0).text(null, "Parcel P1 shipped").status("DELIVERED", null)
                .provider("SM0001", "delivered", t0.plusSeconds(2))
                .history("PENDING", t0, null)
                .history("ACCEPTED", t0.plusSeconds(2), "SM0001", "queued", null, null, null)
                .history("SENT", t0.plusSeconds(3), "SM0001", "sent", null, null, null)
                .history("DELIVERED", t0.plusSeconds(9), "SM0001", "delivered", null, null, null)
                .insert(db);
        UUID failed = message(orderId, "DELIVERED", "SMS").recipient("+989120000001").attempts(3)
                .createdAt(t0.plusSeconds(120)).status("FAILED", "permanent failure")
                .error("21211", "Invalid 'To' Phone Number")
                .history("PENDING", t0.plusSeconds(120), null)
                .history("FAILED", t0.plusSeconds(121), null, null, "21211", "Invalid 'To' Phone Number",
                        "permanent failure")
                .insert(db);

        JsonPath view = given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", orderId).then()
                .statusCode(200).extract().jsonPath();

        assertEquals(List.of(sms.toString(), email.toString(), failed.toString()), view.getList("notifications.id"));
        assertEquals(List.of("PENDING", "ACCEPTED", "SENT", "DELIVERED"), view.getList("notifications[0].history.status"));
        assertEquals(List.of("queued", "sent", "delivered"),
                view.getList("notifications[0].history.providerStatus").subList(1, 4));
        assertEquals(t0.plusSeconds(9).toString(), view.getString("notifications[0].history[3].at"));
        assertEquals("Parcel P1 shipped", view.getString("notifications[0].bodyPreview"));
        assertEquals("SM0001", view.getString("notifications[0].providerId"));
        assertEquals("delivered", view.getString("notifications[0].providerStatus"));
        assertEquals(t0.toString(), view.getString("notifications[0].createdAt"));
        assertEquals(t0.plusSeconds(2).toString(), view.getString("notifications[0].acceptedAt"));
        assertEquals("P1", view.getString("notifications[0].shipmentId"));
        assertEquals("fa-IR", view.getString("notifications[0].locale"));
        assertEquals("+989120000001", view.getString("notifications[0].recipient"));

        String preview = view.getString("notifications[1].bodyPreview");
        assertEquals(OrderNotifications.PREVIEW_LENGTH, preview.length());
        assertEquals(("Your order has shipped | " + longText).substring(0, 160), preview);
        assertEquals("EMAIL", view.getString("notifications[1].channel"));
        assertEquals(List.of("PENDING", "SENDING", "SENT"), view.getList("notifications[1].history.status"));

        assertNull(view.get("notifications[2].bodyPreview"), "never rendered");
        assertEquals("FAILED", view.getString("notifications[2].status"));
        assertEquals("permanent failure", view.getString("notifications[2].statusReason"));
        assertEquals("21211", view.getString("notifications[2].errorCode"));
        assertEquals("Invalid 'To' Phone Number", view.getString("notifications[2].errorMessage"));
        assertEquals(3, view.getInt("notifications[2].attempts"));
        assertEquals("21211", view.getString("notifications[2].history[1].errorCode"));
        assertEquals("permanent failure", view.getString("notifications[2].history[1].detail"));
        assertNull(view.get("notifications[2].resendOf"));
        assertNull(view.get("notifications[2].fallbackOf"));
    }

    @Test
    void anOrderWithoutMessagesHasAnEmptyList() {
        String orderId = placedOrder();
        given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", orderId).then().statusCode(200)
                .body("notifications.size()", equalTo(0));
    }

    @Test
    void resendCopiesTheMessageToTheOrdersCurrentContactAndNumbersEachResend() {
        String orderId = placedOrder();
        String currentPhone = currentContact(orderId, "phone");
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        NotificationRows.Builder original = message(orderId, "SHIPPED", "SMS").shipment("P1")
                .recipient("+15550001111").cause("evt-shipped-" + orderId).createdAt(sentAt)
                .text(null, "Parcel P1 shipped").provider("SM0002", "delivered", sentAt)
                .history("PENDING", sentAt, null).history("DELIVERED", sentAt.plusSeconds(5), null);
        UUID originalId = original.insert(db);

        Instant before = Instant.now().minusSeconds(1);
        var response = given().auth().oauth2(Tokens.support())
                .post("/api/orders/{o}/notifications/{n}/resend", orderId, originalId).then()
                .statusCode(202).contentType("application/json")
                .body("resendOf", equalTo(originalId.toString()))
                .body("status", equalTo("PENDING"))
                .body("statusReason", equalTo("resend requested by agent@example.com"))
                .body("channel", equalTo("SMS")).body("milestone", equalTo("SHIPPED"))
                .body("shipmentId", equalTo("P1")).body("locale", equalTo("fa-IR"))
                .body("recipient", equalTo(currentPhone))
                .body("attempts", equalTo(0)).body("bodyPreview", nullValue())
                .body("providerId", nullValue()).body("fallbackOf", nullValue())
                .body("history.status", equalTo(List.of("PENDING")))
                .body("history[0].detail", equalTo("resend requested by agent@example.com"))
                .extract();
        UUID resendId = UUID.fromString(response.path("id"));
        assertNotEquals(originalId, resendId);
        assertTrue(response.header("Location").endsWith("/api/orders/" + orderId + "/notifications/" + resendId),
                response.header("Location"));

        // Columns a dispatcher never changes; its status may already have moved on.
        Map<String, Object> row = NotificationRows.row(db, resendId);
        assertEquals(original.dedupKey() + "#resend-1", row.get("dedup_key"));
        assertEquals(originalId, row.get("resend_of"));
        assertEquals(currentPhone, row.get("recipient"));
        assertEquals(orderId, row.get("order_id"));
        assertEquals("C-" + orderId, row.get("customer_id"));
        assertEquals("SHIPPED", row.get("milestone"));
        assertEquals("SMS", row.get("channel"));
        assertEquals("P1", row.get("shipment_id"));
        assertEquals("fa-IR", row.get("locale"));
        assertEquals("Asia/Tehran", row.get("time_zone"));
        assertEquals("evt-shipped-" + orderId, row.get("cause_event_id"));
        assertEquals(sentAt.minusSeconds(5), row.get("cause_occurred_at"));
        assertEquals(sentAt.minusSeconds(1), row.get("cause_received_at"));
        assertTrue(!((Instant) row.get("created_at")).isBefore(before), "created now");
        assertNull(row.get("fallback_of"));
        Map<String, Object> first = NotificationRows.history(db, resendId).get(0);
        assertEquals("PENDING", first.get("status"));
        assertEquals("resend requested by agent@example.com", first.get("detail"));
        assertEquals(row.get("created_at"), first.get("at"));

        Map<String, Object> untouched = NotificationRows.row(db, originalId);
        assertEquals("DELIVERED", untouched.get("status"));
        assertEquals("+15550001111", untouched.get("recipient"));

        String secondId = given().auth().oauth2(Tokens.support())
                .post("/api/orders/{o}/notifications/{n}/resend", orderId, originalId).then()
                .statusCode(202).body("resendOf", equalTo(originalId.toString())).extract().path("id");
        assertEquals(original.dedupKey() + "#resend-2", NotificationRows.row(db, UUID.fromString(secondId))
                .get("dedup_key"));

        JsonPath view = given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", orderId).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(originalId.toString(), resendId.toString(), secondId), view.getList("notifications.id"));
        assertEquals(List.of(originalId.toString(), originalId.toString()),
                view.getList("notifications.resendOf").subList(1, 3));
        given().auth().oauth2(Tokens.support())
                .get(response.header("Location")).then().statusCode(200)
                .body("id", equalTo(resendId.toString())).body("resendOf", equalTo(originalId.toString()));
    }

    @Test
    void aMessageSuppressedByAnOptOutCanBeResentToTheCurrentEmail() {
        String orderId = placedOrder();
        UUID originalId = message(orderId, "ORDER_CONFIRMED", "EMAIL").recipient("old-address@example.com")
                .status("SUPPRESSED", "the customer turned e-mail off").attempts(0)
                .history("SUPPRESSED", Instant.now(), "the customer turned e-mail off").insert(db);

        String id = given().auth().oauth2(Tokens.support())
                .post("/api/orders/{o}/notifications/{n}/resend", orderId, originalId).then()
                .statusCode(202).body("channel", equalTo("EMAIL"))
                .body("recipient", equalTo(currentContact(orderId, "email")))
                .body("history[0].status", equalTo("PENDING")).extract().path("id");
        assertEquals(orderId + "/ORDER_CONFIRMED/EMAIL#resend-1",
                NotificationRows.row(db, UUID.fromString(id)).get("dedup_key"));
    }

    @Test
    void resendsAskedForAtTheSameTimeEachGetTheirOwnNumber() throws Exception {
        String orderId = placedOrder();
        NotificationRows.Builder original = message(orderId, "DELIVERED", "EMAIL").recipient("sara@example.com")
                .status("SENT", null);
        UUID originalId = original.insert(db);
        String token = Tokens.support();

        int parallel = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token)
                            .post("/api/orders/{o}/notifications/{n}/resend", orderId, originalId).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertEquals(202, call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        Set<Object> keys = NotificationRows.query(db, "select dedup_key from notification where resend_of = ?",
                originalId).stream().map(r -> r.get("dedup_key")).collect(Collectors.toSet());
        assertEquals(IntStream.rangeClosed(1, parallel).mapToObj(n -> original.dedupKey() + "#resend-" + n)
                .collect(Collectors.toSet()), keys);
    }

    @Test
    void resendsAreCappedPerOrderAndDay() throws Exception {
        String orderId = placedOrder();
        UUID sms = message(orderId, "SHIPPED", "SMS").shipment("P1").recipient("+989120000005")
                .status("DELIVERED", null).insert(db);
        UUID email = message(orderId, "SHIPPED", "EMAIL").shipment("P1").recipient("sara@example.com")
                .status("SENT", null).insert(db);
        int cap = 5; // %test.tracking.notifications.resends-per-order-per-day
        for (int i = 0; i < cap; i++) {
            given().auth().oauth2(Tokens.support())
                    .post("/api/orders/{o}/notifications/{n}/resend", orderId, i % 2 == 0 ? sms : email).then()
                    .statusCode(202);
        }

        // Over the cap, whichever of the order's messages is asked for: nothing is planned.
        for (UUID original : List.of(sms, email)) {
            given().auth().oauth2(Tokens.support())
                    .post("/api/orders/{o}/notifications/{n}/resend", orderId, original).then()
                    .statusCode(429).contentType("application/problem+json")
                    .body("title", equalTo("Too Many Requests"))
                    .body("detail", containsString("order " + orderId + " already had 5 messages resent in the "
                            + "last 24 hours, the most allowed"))
                    .body("resendsPerDay", equalTo(cap))
                    .body("nextResendAt", org.hamcrest.Matchers.notNullValue());
        }
        assertEquals(cap, resendsOf(sms) + resendsOf(email));

        // A day later the oldest resend no longer counts.
        try (var c = db.getConnection(); var s = c.prepareStatement("""
                update notification set created_at = created_at - interval '25 hours' where id = (select id
                from notification where order_id = ? and resend_of is not null order by created_at, id limit 1)""")) {
            s.setString(1, orderId);
            assertEquals(1, s.executeUpdate());
        }
        given().auth().oauth2(Tokens.support())
                .post("/api/orders/{o}/notifications/{n}/resend", orderId, sms).then().statusCode(202);
        given().auth().oauth2(Tokens.support())
                .post("/api/orders/{o}/notifications/{n}/resend", orderId, sms).then().statusCode(429);
    }

    @Test
    void unknownOrdersAndMessagesOfOtherOrdersAreNotFound() {
        String orderId = placedOrder();
        String otherOrder = placedOrder();
        UUID othersMessage = message(otherOrder, "SHIPPED", "SMS").recipient("+989120000002").insert(db);
        UUID mine = message(orderId, "SHIPPED", "SMS").recipient("+989120000003").insert(db);

        given().auth().oauth2(Tokens.support()).post("/api/orders/{o}/notifications/{n}/resend", "NO-SUCH-ORDER", mine)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no order NO-SUCH-ORDER"))
                .body("instance", equalTo("/api/orders/NO-SUCH-ORDER/notifications/" + mine + "/resend"));
        given().auth().oauth2(Tokens.support()).post("/api/orders/{o}/notifications/{n}/resend", orderId, othersMessage)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no notification " + othersMessage + " on order " + orderId));
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(Tokens.support()).post("/api/orders/{o}/notifications/{n}/resend", orderId, unknown)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no notification " + unknown + " on order " + orderId));
        given().auth().oauth2(Tokens.support()).post("/api/orders/{o}/notifications/{n}/resend", orderId, "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no notification not-a-uuid"));
        given().auth().oauth2(Tokens.support()).get("/api/orders/{o}/notifications/{n}", orderId, othersMessage)
                .then().statusCode(404).contentType("application/problem+json");

        assertEquals(0, resendsOf(othersMessage));
        assertEquals(0, resendsOf(mine));
    }

    @Test
    void resendNeedsATokenWithTheSupportGroup() {
        String orderId = placedOrder();
        UUID originalId = message(orderId, "SHIPPED", "SMS").recipient("+989120000004").insert(db);

        given().post("/api/orders/{o}/notifications/{n}/resend", orderId, originalId).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(Tokens.withGroups("marketing"))
                .post("/api/orders/{o}/notifications/{n}/resend", orderId, originalId).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("group"));
        given().auth().oauth2(Tokens.withGroups("marketing"))
                .get("/api/orders/{o}/notifications/{n}", orderId, originalId).then().statusCode(403);
        assertEquals(0, resendsOf(originalId));
    }

    private long resendsOf(UUID id) {
        return NotificationRows.query(db, "select id from notification where resend_of = ?", id).size();
    }

    private static String placedOrder() {
        String orderId = uniqueOrderId("MSG");
        send(placed(orderId, Instant.now().minus(Duration.ofDays(1)), LocalDate.now().plusDays(3)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.support())
                .get("/api/orders/{id}", orderId).then().statusCode(200));
        return orderId;
    }

    private static String currentContact(String orderId, String field) {
        return given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", orderId).then()
                .statusCode(200).extract().path("customer." + field);
    }
}
