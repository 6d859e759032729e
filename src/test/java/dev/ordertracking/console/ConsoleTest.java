package dev.ordertracking.console;

import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.notification.flow.TwilioCalls;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support console through the real login: Keycloak on loopback, the authorization code flow,
 * the support group, and each action's outcome in the database and on the page.
 */
@QuarkusTest
class ConsoleTest extends DaytimeFlow {

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    static String realm;

    @BeforeAll
    static void keycloak() {
        realm = ConsoleLogin.keycloak();
    }

    private ConsoleLogin support() throws Exception {
        return ConsoleLogin.as(URI.create(base.toString()), "support", "support");
    }

    private Shop shipped(String prefix) throws Exception {
        Shop order = Shop.order(prefix, "en-GB", "Europe/London", clock);
        order.placed().confirmed().shipped(order.orderId() + "-P1");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        return order;
    }

    @Test
    void withoutASessionTheConsoleSendsPeopleToSignIn() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", startsWith(realm + "/protocol/openid-connect/auth"));
        given().redirects().follow(false).get("/console/orders/ANY").then().statusCode(302);
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("text", "hello")
                .post("/console/orders/ANY/notes").then().statusCode(302);
        // A bearer token for the API opens nothing here: the console only knows its own sign-in.
        given().redirects().follow(false).auth().oauth2(Tokens.support()).get("/console").then().statusCode(302);
    }

    @Test
    void anAccountOutsideTheSupportGroupSeesNothing() throws Exception {
        Shop order = shipped("CONS");
        ConsoleLogin warehouse = ConsoleLogin.as(URI.create(base.toString()), "warehouse", "warehouse");
        for (String path : List.of("/console", "/console/orders/" + order.orderId(),
                "/console/search?q=" + order.email())) {
            HttpResponse<String> page = warehouse.get(path);
            assertEquals(403, page.statusCode(), path);
            assertTrue(page.body().contains("not in the support group"), page.body());
            assertFalse(page.body().contains(order.email()) || page.body().contains("<svg"), path);
        }
        assertEquals(403, warehouse.post("/console/orders/" + order.orderId() + "/notes",
                Map.of("text", "should not be kept")).statusCode());
        assertEquals(0, notes(order.orderId()));
    }

    @Test
    void supportFindsAnOrderByIdEmailPhoneOrTrackingNumberAndWritesANote() throws Exception {
        Shop order = shipped("CONS");
        ConsoleLogin agent = support();
        for (String q : List.of(order.orderId(), order.email().toUpperCase(), order.phone(),
                "JD" + order.orderId() + "-P1")) {
            HttpResponse<String> found = agent.get("/console/search?q=" + java.net.URLEncoder.encode(q,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, found.statusCode(), q);
            assertEquals("/console/orders/" + order.orderId(), found.uri().getPath(), "found by " + q);
            assertTrue(found.body().contains(order.email()) && found.body().contains("SHIPPED"), q);
        }
        assertTrue(agent.get("/console/search?q=nobody%40nowhere.example").body().contains("Nothing found"));

        HttpResponse<String> added = agent.post("/console/orders/" + order.orderId() + "/notes",
                Map.of("text", "Customer called: wants the parcel left with a neighbour <b>please</b>"));
        assertEquals(303, added.statusCode());
        assertEquals("/console/orders/" + order.orderId() + "?done=note",
                URI.create(added.headers().firstValue("Location").orElseThrow()).toString()
                        .replaceFirst("^https?://[^/]+", ""));
        String page = agent.get("/console/orders/" + order.orderId() + "?done=note").body();
        assertTrue(page.contains("Note added."), page);
        assertTrue(page.contains("neighbour &lt;b&gt;please&lt;/b&gt;"), "shown, escaped");
        given().auth().oauth2(Tokens.support()).get("/api/orders/{o}", order.orderId()).then().statusCode(200)
                .body("notes.size()", equalTo(1)).body("notes[0].author", equalTo("support"));

        assertEquals(403, agent.post("/console/orders/" + order.orderId() + "/notes", Map.of("text", "forged"),
                "http://evil.example").statusCode(), "a post from another site is refused");
        HttpResponse<String> empty = agent.post("/console/orders/" + order.orderId() + "/notes", Map.of("text", " "));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("a note needs 1 to 2000 characters"), empty.body());
        assertEquals(1, notes(order.orderId()));
    }

    @Test
    void supportRecordsAnIncidentAndSendsTheApologyOnce() throws Exception {
        Shop order = shipped("CONS");
        ConsoleLogin agent = support();
        String path = "/console/orders/" + order.orderId();
        assertEquals(303, agent.post(path + "/incidents", Map.of("type", "DAMAGED", "note", "box crushed")).statusCode());
        String page = agent.get(path).body();
        Matcher incident = Pattern.compile("name=\"incidentId\" value=\"([0-9a-f-]{36})\"").matcher(page);
        assertTrue(incident.find(), "an open incident waits for its apology: " + page);

        assertEquals(303, agent.post(path + "/apology", Map.of("incidentId", incident.group(1))).statusCode());
        await().atMost(FlowSupport.WAIT).until(() -> Notifications.of(db, order.orderId()).stream()
                .anyMatch(n -> n.milestone().equals("PARCEL_PROBLEM")));
        HttpResponse<String> again = agent.post(path + "/apology", Map.of("incidentId", incident.group(1)));
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("role=\"alert\""), again.body());
        assertEquals(400, agent.post(path + "/incidents", Map.of("type", "DAMAGED", "note", "")).statusCode());
    }

    @Test
    void supportResendsAMessage() throws Exception {
        Shop order = shipped("CONS");
        Notifications.Row confirmation = Notifications.one(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL");
        ConsoleLogin agent = support();
        String path = "/console/orders/" + order.orderId();
        assertEquals(303, agent.post(path + "/notifications/" + confirmation.id() + "/resend", Map.of()).statusCode());
        await().atMost(FlowSupport.WAIT).until(() -> Notifications.of(db, order.orderId()).stream()
                .filter(n -> n.milestone().equals("ORDER_CONFIRMED")).count() == 2);
        assertTrue(agent.get(path + "?done=resend").body().contains("The message was queued again."));
    }

    @Test
    void aResendOverTheDailyCapIsRefusedWithTheReason() throws Exception {
        Shop order = shipped("CONS");
        Notifications.Row confirmation = Notifications.one(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL");
        ConsoleLogin agent = support();
        String resend = "/console/orders/" + order.orderId() + "/notifications/" + confirmation.id() + "/resend";
        for (int i = 0; i < 5; i++) { // %test.tracking.notifications.resends-per-order-per-day
            assertEquals(303, agent.post(resend, Map.of()).statusCode());
        }
        HttpResponse<String> refused = agent.post(resend, Map.of());
        assertEquals(429, refused.statusCode());
        assertTrue(refused.body().contains("role=\"alert\">order " + order.orderId() + " already had 5 messages "
                + "resent in the last 24 hours, the most allowed; the next resend is possible from "), refused.body());
        assertEquals(5, Notifications.of(db, order.orderId()).stream()
                .filter(n -> n.milestone().equals("ORDER_CONFIRMED")).count() - 1, "no sixth resend");
    }

    @Test
    void theOrderPageShowsACustomersStopUntilTheyTextStart() throws Exception {
        Shop order = shipped("CONS");
        ConsoleLogin agent = support();
        String path = "/console/orders/" + order.orderId();
        assertFalse(agent.get(path).body().contains("id=\"sms-opt-out\""), "no STOP yet");

        TwilioCalls.inbound(order.phone(), "STOP").then().statusCode(200);
        String page = agent.get(path).body();
        Matcher optOut = Pattern.compile("<dd id=\"sms-opt-out\">(.*?)</dd>").matcher(page);
        assertTrue(optOut.find(), page);
        assertTrue(optOut.group(1).matches("<span class=\"badge bad\">off</span> the customer texted STOP on "
                + "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} .+; only their START turns SMS back on"), optOut.group(1));

        TwilioCalls.inbound(order.phone(), "START").then().statusCode(200);
        assertFalse(agent.get(path).body().contains("id=\"sms-opt-out\""), "lifted by START");
    }

    @Test
    void theDashboardDrawsItsChartsFromTheData() throws Exception {
        Shop order = shipped("CONS");
        order.status(order.orderId() + "-P1", "DELIVERED");
        await().atMost(FlowSupport.WAIT).until(() -> "DELIVERED".equals(FlowSupport.orderStatus(db, order.orderId())));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        HttpResponse<String> dashboard = support().get("/console?from=" + today.minusDays(6) + "&to=" + today);
        assertEquals(200, dashboard.statusCode());
        String html = dashboard.body();
        for (String chart : List.of("chart-on-time", "chart-delay-reasons", "chart-delivery-hours",
                "chart-message-funnel", "chart-feedback")) {
            assertTrue(html.contains("id=\"" + chart + "\""), chart);
        }
        String onTime = html.substring(html.indexOf("id=\"chart-on-time\""), html.indexOf("</svg>",
                html.indexOf("id=\"chart-on-time\"")));
        assertEquals(7, onTime.split("class=\"bar\"", -1).length - 1, "one column per day");
        String funnel = html.substring(html.indexOf("id=\"chart-message-funnel\""));
        assertTrue(funnel.contains("E-mail"), "messages by channel");
        assertTrue(html.contains("Content-Security-Policy") || dashboard.headers()
                .firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals(400, support().get("/console?from=" + today + "&to=" + today.minusDays(1)).statusCode());
    }

    private long notes(String orderId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from support_note where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
