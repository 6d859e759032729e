package dev.ordertracking.console;

import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.notification.flow.TwilioCalls;
import dev.ordertracking.support.OrderQueries;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    /** Before each test, not in @BeforeAll, so that a skip outside CI is counted per test. */
    @BeforeEach
    void keycloak() {
        realm = ConsoleLogin.keycloak();
    }

    private ConsoleLogin support() throws Exception {
        return ConsoleLogin.as(URI.create(base.toString()), "support", "support");
    }

    private Shop shipped(String prefix) throws Exception {
        Shop order = Shop.order(prefix, "en-GB", "Europe/London", clock);
        // Shipped only once the confirmation is out: a shipment seen first makes the confirmation's
        // message pointless (superseded), and the tests below resend the confirmation.
        order.placed().confirmed();
        FlowSupport.awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        order.shipped(order.orderId() + "-P1");
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
        // A day long ago holds only this test's orders, so every number on it is known.
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(5000));
        Instant placedAt = day.minusDays(6).atTime(14, 0).toInstant(ZoneOffset.UTC);
        clock.travelTo(placedAt);
        Shop first = Shop.order("CHART", "en-GB", "Europe/London", clock).placed(day.plusDays(1)).confirmed();
        Shop second = Shop.order("CHART", "en-GB", "Europe/London", clock).placed(day.plusDays(1)).confirmed();
        Shop late = Shop.order("CHART", "en-GB", "Europe/London", clock).placed(day.minusDays(2)).confirmed();
        List<Shop> orders = List.of(first, second, late);
        for (Shop order : orders) {
            FlowSupport.awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
            order.shipped(order.orderId() + "-P1");
        }
        // Delivered six days and an hour after the orders were placed, whatever the waits above took.
        clock.travelTo(day.atTime(15, 0).toInstant(ZoneOffset.UTC));
        int[] ratings = {5, 4, 2};
        for (int i = 0; i < orders.size(); i++) {
            Shop order = orders.get(i);
            order.status(order.orderId() + "-P1", "DELIVERED");
            await().atMost(FlowSupport.WAIT).until(() -> "DELIVERED".equals(FlowSupport.orderStatus(db, order.orderId())));
            given().redirects().follow(false).contentType(ContentType.URLENC).formParam("rating", ratings[i])
                    .post("/t/{t}/feedback", FlowSupport.trackingToken(db, order.orderId())).then().statusCode(303);
        }
        for (Shop order : orders) {
            FlowSupport.awaitStatus(db, order.orderId(), "DELIVERED", "EMAIL", "SENT");
        }
        // The messages settle (nothing sent or reported any more) before their numbers are read.
        List<List<List<String>>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(FlowSupport.WAIT).pollInterval(java.time.Duration.ofSeconds(2)).until(() -> {
            List<List<String>> funnel = expectedFunnel(orders, day);
            return funnel.equals(last.set(0, funnel));
        });

        HttpResponse<String> dashboard = support().get("/console?from=" + day + "&to=" + day);
        assertEquals(200, dashboard.statusCode());
        String html = dashboard.body();
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'", dashboard.headers().firstValue("Content-Security-Policy")
                .orElse(""), "nothing loads from elsewhere");
        assertTrue(html.contains("<div class=\"n\" id=\"delivered-count\">3</div>"), "three delivered that day");
        assertTrue(html.contains("<div class=\"n\" id=\"on-time-rate\">66.7 %</div>"), "two of three on time");
        assertEquals(List.of(List.of(day.toString(), "66.7 % of 3")), numbers(html, "chart-on-time"));
        List<List<String>> hours = numbers(html, "chart-delivery-hours");
        assertEquals(21, hours.size(), "one row per day of hours");
        for (List<String> row : hours) {
            assertEquals(row.get(0).equals("144–168 h") ? "3" : "0", row.get(1), "placed six days before: " + row);
        }
        assertEquals(List.of(List.of("On time", "4.50 of 5 (2 ratings)"), List.of("Late", "2.00 of 5 (1 ratings)")),
                numbers(html, "chart-feedback"));
        assertEquals(expectedReasons(orders, day), numbers(html, "chart-delay-reasons"));
        assertEquals(expectedFunnel(orders, day), numbers(html, "chart-message-funnel"));
        assertEquals(400, support().get("/console?from=" + day + "&to=" + day.minusDays(1)).statusCode());
    }

    /** The rows of the table that gives a dashboard chart's numbers, without its heading row. */
    private static List<List<String>> numbers(String html, String chart) {
        int start = html.indexOf("id=\"" + chart + "\"");
        assertTrue(start >= 0, "no chart " + chart);
        String table = html.substring(html.indexOf("<table>", start), html.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(table);
        while (row.find()) {
            if (row.group(1).contains("scope=\"col\"")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Incidents of these orders opened that day, by reason as the chart names them, most first. */
    private List<List<String>> expectedReasons(List<Shop> orders, LocalDate day) throws Exception {
        return rows("""
                select reason, count(*) from incident where order_id = any(?) and opened_at >= ? and opened_at < ?
                group by reason order by 2 desc, 1""", orders, day).stream()
                .map(r -> List.of(DashboardService.words(r.get(0)), r.get(1))).toList();
    }

    /** These orders' messages created that day, by channel: queued, sent, delivered, failed. */
    private List<List<String>> expectedFunnel(List<Shop> orders, LocalDate day) throws Exception {
        return rows("""
                select case channel when 'EMAIL' then 'E-mail' else channel end,
                       count(*) filter (where status not in ('SUPPRESSED', 'DROPPED')),
                       count(*) filter (where status in ('ACCEPTED', 'SENT', 'DELIVERED', 'UNDELIVERED')),
                       count(*) filter (where status = 'DELIVERED'),
                       count(*) filter (where status in ('FAILED', 'UNDELIVERED'))
                from notification where order_id = any(?) and created_at >= ? and created_at < ?
                group by channel order by channel""", orders, day);
    }

    private List<List<String>> rows(String sql, List<Shop> orders, LocalDate day) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", orders.stream().map(Shop::orderId).toArray()));
            s.setTimestamp(2, java.sql.Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
            s.setTimestamp(3, java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            assertFalse(rows.isEmpty(), "the test's orders left rows to count: " + sql);
            return rows;
        }
    }

    @Test
    void actionUrlsReachTheOrderEvenWhenItsIdNeedsEncoding() throws Exception {
        Shop other = shipped("CONS");
        // Kept from before order ids were restricted at ingest: an id that, unencoded, names another order's path.
        String orderId = "x/../../orders/" + other.orderId() + "?#% é";
        copyOrder(other.orderId(), orderId);
        ConsoleLogin agent = support();
        String encoded = "x%2F..%2F..%2Forders%2F" + other.orderId() + "%3F%23%25%20%C3%A9";
        HttpResponse<String> page = agent.get("/console/orders/" + encoded);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Order " + dev.ordertracking.platform.HtmlText.escape(orderId)), "its page");
        Matcher actions = Pattern.compile("action=\"(/console/orders/[^\"]+)\"").matcher(page.body());
        List<String> found = new ArrayList<>();
        while (actions.find()) {
            found.add(actions.group(1));
        }
        assertTrue(found.containsAll(List.of("/console/orders/" + encoded + "/incidents",
                "/console/orders/" + encoded + "/notes")), found.toString());
        assertTrue(found.stream().allMatch(a -> a.startsWith("/console/orders/" + encoded + "/")), found.toString());

        HttpResponse<String> added = agent.post("/console/orders/" + encoded + "/notes", Map.of("text", "kept here"));
        assertEquals(303, added.statusCode(), added.body());
        assertTrue(added.headers().firstValue("Location").orElseThrow().endsWith("/console/orders/" + encoded
                + "?done=note"), added.headers().toString());
        assertEquals(1, notes(orderId), "the note is on the order the page showed");
        assertEquals(0, notes(other.orderId()), "and not on the order its unencoded id points at");
        HttpResponse<String> search = agent.get("/console/search?q=" + java.net.URLEncoder.encode(other.email(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(search.body().contains("href=\"/console/orders/" + encoded + "\""), search.body());
    }

    @Test
    void theTimelineIsPagedInTheApiAndTheConsole() throws Exception {
        Shop order = shipped("CONS");
        for (int i = 0; i < OrderQueries.TIMELINE_LIMIT + 2; i++) {
            order.status(order.orderId() + "-P1", "IN_TRANSIT");
        }
        int all = OrderQueries.TIMELINE_LIMIT + 5;
        await().atMost(FlowSupport.WAIT).until(() -> FlowSupport.storedEvents(db, order.orderId()) == all);

        io.restassured.response.Response newest = given().auth().oauth2(Tokens.support())
                .get("/api/orders/{o}", order.orderId());
        newest.then().statusCode(200).body("timeline.size()", equalTo(OrderQueries.TIMELINE_LIMIT))
                .body("timelinePage.limit", equalTo(OrderQueries.TIMELINE_LIMIT))
                .body("timeline[-1].type", equalTo("shipment.status_changed"))
                .body("timeline[-1].shipmentStatus", equalTo("IN_TRANSIT"));
        String older = newest.path("timelinePage.older");
        String cursor = newest.path("timelinePage.olderBefore");
        assertEquals(newest.path("timeline[0].eventId"), cursor, "older ones come before the oldest shown");
        assertTrue(older.endsWith("/api/orders/" + order.orderId() + "?timelineBefore="
                + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)
                + "&timelineLimit=" + OrderQueries.TIMELINE_LIMIT), older);
        given().auth().oauth2(Tokens.support()).urlEncodingEnabled(false).get(URI.create(older).getRawPath() + "?"
                        + URI.create(older).getRawQuery())
                .then().statusCode(200).body("timeline.size()", equalTo(5))
                .body("timeline.type", equalTo(List.of("order.placed", "order.confirmed", "shipment.created",
                        "shipment.status_changed", "shipment.status_changed")))
                .body("timelinePage.olderBefore", equalTo(null)).body("timelinePage.older", equalTo(null));
        given().auth().oauth2(Tokens.support()).queryParam("timelineLimit", 2).get("/api/orders/{o}", order.orderId())
                .then().statusCode(200).body("timeline.size()", equalTo(2));
        given().auth().oauth2(Tokens.support()).queryParam("timelineLimit", 0).get("/api/orders/{o}", order.orderId())
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.support()).queryParam("timelineBefore", "no-such-event")
                .get("/api/orders/{o}", order.orderId()).then().statusCode(400)
                .contentType("application/problem+json");

        ConsoleLogin agent = support();
        String page = agent.get("/console/orders/" + order.orderId()).body();
        assertEquals(OrderQueries.TIMELINE_LIMIT, timelineRows(page));
        Matcher link = Pattern.compile("href=\"([^\"]+)\" id=\"timeline-older\"").matcher(page);
        assertTrue(link.find(), page);
        String second = agent.get(link.group(1).replace("&amp;", "&")).body();
        assertEquals(5, timelineRows(second));
        assertFalse(second.contains("id=\"timeline-older\""));
        assertTrue(second.contains("id=\"timeline-newest\""));
    }

    private static int timelineRows(String page) {
        String timeline = page.substring(page.indexOf("id=\"timeline\""));
        return timeline.substring(timeline.indexOf("<tbody>"), timeline.indexOf("</tbody>")).split("<tr>", -1).length - 1;
    }

    /** A copy of an order's own row under another id, as if it had been stored so. */
    private void copyOrder(String from, String to) throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement copy = c.prepareStatement(
                    "create temporary table copied on commit drop as select * from order_journey where order_id = ?");
                 PreparedStatement rename = c.prepareStatement("update copied set order_id = ?, tracking_token = null");
                 PreparedStatement insert = c.prepareStatement("insert into order_journey select * from copied")) {
                copy.setString(1, from);
                copy.executeUpdate();
                rename.setString(1, to);
                assertEquals(1, rename.executeUpdate());
                insert.executeUpdate();
            }
            c.commit();
        }
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
