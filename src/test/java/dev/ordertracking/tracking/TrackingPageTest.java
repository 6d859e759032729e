package dev.ordertracking.tracking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.journey.TrackingTokens;
import dev.ordertracking.notification.LocalizedText;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Shop;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The customer's tracking page: the token is the only key; in the customer's language; small and self-contained. */
@QuarkusTest
class TrackingPageTest extends DaytimeFlow {

    @Inject
    AgroalDataSource db;

    private String token(String orderId) {
        return FlowSupport.trackingToken(db, orderId);
    }

    @Test
    void theTokenOpensTheOrdersPageInTheCustomersLanguage() throws Exception {
        Shop order = Shop.order("PAGE", "pt-BR", "America/Sao_Paulo", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1").status("S1", "IN_TRANSIT");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        String token = token(order.orderId());

        // Every step is in the timeline, newest first, each by what it says to the customer.
        await().atMost(FlowSupport.WAIT).untilAsserted(() -> assertEquals(
                List.of("Em trânsito", "Enviado", "Confirmado", "Realizado"),
                timeline(given().get("/t/{token}", token).asString())));
        Response page = given().get("/t/{token}", token);
        page.then().statusCode(200).contentType("text/html")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("Cache-Control", "private, no-store")
                .header("Content-Security-Policy", TrackingPageResource.CONTENT_SECURITY_POLICY);
        String html = page.asString();
        assertTrue(html.contains("<html lang=\"pt-BR\" dir=\"ltr\">"), html);
        assertTrue(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
        assertTrue(html.contains("Pedido " + order.orderId()));
        assertTrue(html.contains("Olá, Ana,"));
        assertTrue(html.contains(LocalizedText.date(promised, LocalizedText.PT_BR)), "promised date in pt-BR");
        assertTrue(html.contains("aria-current=\"step\">Enviado</li>"), "in transit: the shipped step is current");
        assertTrue(html.contains("Código de rastreio: <span class=\"code\">JDS1</span>"), "the tracking number: " + html);
        assertFalse(html.contains(order.email()), "no contact details on the page");
        assertFalse(html.contains(order.phone()));
        assertTrue(html.getBytes(StandardCharsets.UTF_8).length < 100_000, "under 100 KB");
        assertNoThirdPartyRequests(html);

        String persian = given().queryParam("lang", "fa").get("/t/{token}", token).then().statusCode(200)
                .extract().asString();
        assertTrue(persian.contains("<html lang=\"fa\" dir=\"rtl\">"));
        assertTrue(persian.contains(LocalizedText.date(promised, LocalizedText.FA)), "Solar Hijri date");
        assertTrue(persian.contains("سفارش " + order.orderId()));
        String english = given().queryParam("lang", "en").get("/t/{token}", token).then().statusCode(200)
                .extract().asString();
        assertTrue(english.contains("Order " + order.orderId()));
        String unknownLanguage = given().queryParam("lang", "xx").get("/t/{token}", token).then().statusCode(200)
                .extract().asString();
        assertTrue(unknownLanguage.contains("<html lang=\"pt-BR\""), "falls back to the customer's language");
    }

    @Test
    void aDelayedOrderShowsItsApologyNewDateAndCoupon() throws Exception {
        Shop order = Shop.order("PAGELATE", "fa-IR", "Asia/Tehran", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1").status("S1", "EXCEPTION", "WEATHER", promised.plusDays(3));
        FlowSupport.awaitStatus(db, order.orderId(), "DELAY_NOTICE", "EMAIL", "SENT");
        String code = await().atMost(FlowSupport.WAIT).until(() -> couponCode(order.orderId()), c -> c != null);

        String html = given().get("/t/{token}", token(order.orderId())).then().statusCode(200).extract().asString();
        assertTrue(html.contains("id=\"apology\""), html);
        assertTrue(html.contains(LocalizedText.date(promised.plusDays(3), LocalizedText.FA)), "the new date");
        assertTrue(html.contains(code), "the coupon code");
        assertTrue(html.contains("هوای نامساعد"), "what happened, in Persian");
    }

    @Test
    void theLinkedPreferencesPageChangesTheCustomersChannelsWithoutLogin() throws Exception {
        Shop order = Shop.order("PAGEPREF", "pt-BR", "America/Sao_Paulo", clock).placed().confirmed();
        FlowSupport.awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        String html = given().get("/t/{token}", token(order.orderId())).then().statusCode(200).extract().asString();
        Matcher link = Pattern.compile("href=\"(/preferences/[^\"]+)\" id=\"preferences\"").matcher(html);
        assertTrue(link.find(), html);
        String path = link.group(1).replace("&amp;", "&");
        assertTrue(path.endsWith("?lang=pt-BR"), path);

        String form = given().urlEncodingEnabled(false).get(path).then().statusCode(200).extract().asString();
        assertTrue(form.contains("name=\"sms\" value=\"on\" checked") && form.contains("name=\"email\" value=\"on\" checked"));
        assertTrue(form.contains("Mensagens de texto (SMS)"), "in the page's language");
        given().urlEncodingEnabled(false).redirects().follow(false).contentType(io.restassured.http.ContentType.URLENC)
                .formParam("email", "on").post(path)
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.containsString("saved=1"));
        String saved = given().urlEncodingEnabled(false).get(path.replace("?lang=pt-BR", "?lang=pt-BR&saved=1"))
                .then().statusCode(200).extract().asString();
        assertTrue(saved.contains("Salvo."));
        assertFalse(saved.contains("name=\"sms\" value=\"on\" checked"), "SMS now off");
        given().auth().oauth2(dev.ordertracking.testing.Tokens.support())
                .get("/api/customers/{c}/preferences", order.customerId()).then().statusCode(200)
                .body("sms.enabled", org.hamcrest.Matchers.equalTo(false))
                .body("email.enabled", org.hamcrest.Matchers.equalTo(true));
        given().get("/preferences/not-a-signed-token").then().statusCode(404);
        given().contentType(io.restassured.http.ContentType.URLENC).formParam("sms", "on")
                .post("/preferences/not-a-signed-token").then().statusCode(404);
    }

    @Test
    void unknownAndMalformedTokensGetTheSamePlainNotFound() throws Exception {
        Shop order = Shop.order("PAGE404", "en-GB", "Europe/London", clock).placed();
        await().atMost(FlowSupport.WAIT).until(() -> token(order.orderId()) != null);
        List<String> wrong = List.of(TrackingTokens.mint(), TrackingTokens.mint(), order.orderId(), "x",
                "%27%20or%201=1--", "a".repeat(300), token(order.orderId()).toUpperCase() + "x");
        String first = null;
        for (String token : wrong) {
            String body = given().get("/t/" + token).then().statusCode(404)
                    .header("X-Robots-Tag", "noindex, nofollow").extract().asString();
            assertFalse(body.contains(order.orderId()));
            assertFalse(body.contains("Ana"));
            if (first == null) {
                first = body;
            }
            assertEquals(first, body, "every wrong token gets the same page");
        }
        assertTrue(first.contains("Page not found"));
    }

    @Test
    void anOrderLongPastItsPromiseSaysItIsLateSinceWhenAndTheDateNowExpected() throws Exception {
        // Everything happened weeks ago and arrives now: history, so nobody was messaged about the delay.
        Instant weeksAgo = clock.instant().minus(Duration.ofDays(45));
        LocalDate promised = LocalDate.ofInstant(weeksAgo, ZoneOffset.UTC).plusDays(3);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate newDate = today.plusDays(5);
        String orderId = ContractEvents.uniqueOrderId("PAGEOVERDUE");
        ObjectNode placed = ContractEvents.placed(orderId, weeksAgo, promised);
        ((ObjectNode) placed.get("data").get("customer")).put("locale", "en-GB").put("timeZone", "Europe/London");
        LocalKafka.send(placed);
        LocalKafka.send(ContractEvents.confirmed(orderId, weeksAgo.plusSeconds(60)));
        LocalKafka.send(ContractEvents.shipped(orderId, "S1", weeksAgo.plusSeconds(3600), promised));
        ObjectNode held = ContractEvents.status(orderId, "S1", "EXCEPTION", weeksAgo.plus(Duration.ofDays(10)));
        ((ObjectNode) held.get("data")).put("reason", "CUSTOMS").put("estimatedDeliveryDate", newDate.toString());
        LocalKafka.send(held);
        // The broken promise opens an incident of its own, or joins the carrier's delay incident when
        // the exception was applied first (the deadline watch and the batches race): either way a
        // delay is open and the carrier's new date is known.
        await().atMost(FlowSupport.WAIT).until(() -> openIncidents(orderId).stream()
                .anyMatch(r -> r.equals("PROMISE_BROKEN") || r.equals("CUSTOMS")));
        String token = token(orderId);

        for (Locale locale : LocalizedText.SUPPORTED) {
            String html = given().queryParam("lang", locale.toLanguageTag()).get("/t/{token}", token)
                    .then().statusCode(200).extract().asString();
            TrackingPageText text = TrackingPages.text(locale);
            String late = section(html, "late");
            assertTrue(late.contains("<h2>" + text.lateTitle() + "</h2>"), locale + ": says it is late: " + html);
            assertTrue(late.contains(text.lateText(LocalizedText.date(promised, locale))), locale + ": the promise");
            assertTrue(late.contains("<dt>" + text.lateSince() + "</dt><dd id=\"late-since\">"
                    + LocalizedText.date(promised.plusDays(1), locale) + "</dd>"), locale + ": since when: " + late);
            assertTrue(late.contains("<dt>" + text.expected() + "</dt><dd id=\"expected\">"
                    + LocalizedText.date(newDate, locale) + "</dd>"), locale + ": the date now expected: " + late);
            assertFalse(html.contains("id=\"apology\""), "nobody was told, so there is no apology to show");
        }
        assertTrue(section(given().queryParam("lang", "en").get("/t/{token}", token).asString(), "late")
                .contains("Your order is late"));
    }

    @Test
    void theTimelineShowsTheNewestEntriesAndLinksToOlderOnes() throws Exception {
        Shop order = Shop.order("PAGEMANY", "en-GB", "Europe/London", clock);
        order.placed().confirmed().shipped("S1");
        int updates = TrackingPages.TIMELINE_PAGE + 5;
        for (int i = 0; i < updates; i++) {
            LocalKafka.send(ContractEvents.status(order.orderId(), "S1", i % 2 == 0 ? "IN_TRANSIT" : "EXCEPTION",
                    clock.instant().plusMillis(i + 1)));
        }
        String token = await().atMost(FlowSupport.WAIT).until(() -> token(order.orderId()), t -> t != null);
        int all = updates + 3;
        await().atMost(FlowSupport.WAIT).until(() -> FlowSupport.storedEvents(db, order.orderId()) == all);

        String newest = given().queryParam("lang", "en").get("/t/{token}", token).then().statusCode(200)
                .extract().asString();
        List<String> first = timeline(newest);
        assertEquals(TrackingPages.TIMELINE_PAGE, first.size(), "one page of entries");
        assertEquals("In transit", first.get(0), "the newest first");
        assertEquals("Held up", first.get(1));
        Matcher older = Pattern.compile("href=\"([^\"]+)\" id=\"timeline-older\"").matcher(newest);
        assertTrue(older.find(), "a link to the older entries: " + newest);
        assertFalse(newest.contains("id=\"timeline-newest\""));

        String second = given().urlEncodingEnabled(false).get(older.group(1).replace("&amp;", "&"))
                .then().statusCode(200).extract().asString();
        List<String> rest = timeline(second);
        assertEquals(List.of("In transit", "Held up", "In transit", "Held up", "In transit", "Shipped",
                "Confirmed", "Placed"), rest,
                "the entries before the first page, down to the first one");
        assertFalse(second.contains("id=\"timeline-older\""), "nothing older than the first event");
        assertTrue(second.contains("id=\"timeline-newest\""), "a way back to the newest");
        given().queryParam("before", "no-such-event").get("/t/{token}", token).then().statusCode(400);
    }

    /** The texts of the page's timeline entries, top to bottom (without their times). */
    static List<String> timeline(String html) {
        String list = html.substring(html.indexOf("<ul class=\"timeline\">"), html.indexOf("</ul>",
                html.indexOf("<ul class=\"timeline\">")));
        List<String> entries = new ArrayList<>();
        Matcher entry = Pattern.compile("<li><time>[^<]*</time>([^<]*)</li>").matcher(list);
        while (entry.find()) {
            entries.add(entry.group(1));
        }
        return entries;
    }

    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no section " + id + ": " + html);
        return html.substring(start, html.indexOf("</section>", start));
    }

    private List<String> openIncidents(String orderId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select reason from incident where order_id = ? and status = 'OPEN'")) {
            s.setString(1, orderId);
            List<String> reasons = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reasons.add(rs.getString(1));
                }
            }
            return reasons;
        }
    }

    private String couponCode(String orderId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select code from coupon where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Nothing on the page loads from elsewhere: no scripts, stylesheets, images or frames by URL. */
    static void assertNoThirdPartyRequests(String html) {
        Matcher loads = Pattern.compile("<(script|link|img|iframe|source|video|audio|object|embed)\\b[^>]*", Pattern.CASE_INSENSITIVE)
                .matcher(html);
        while (loads.find()) {
            throw new AssertionError("the page loads something: " + loads.group());
        }
        assertFalse(html.matches("(?s).*url\\(.*"), "no CSS url()");
    }
}
