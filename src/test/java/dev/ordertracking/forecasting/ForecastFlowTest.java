package dev.ordertracking.forecasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.console.ConsoleLogin;
import dev.ordertracking.delay.DeadlineWatch;
import dev.ordertracking.notification.LocalizedText;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Tokens;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery forecast through the real broker, database, Twilio stand-in and SMTP server: a slow
 * lane's history (delivered orders, historical events) is published first and teaches the forecast;
 * then live orders in that lane are told of their delay before their promise breaks, with the
 * forecast's "at the latest" date, the apology and a coupon that reaches {@code customer-compensation.v1}.
 * The clock never passes a promise.
 *
 * <p>Its own profile: a lane rests on 20 deliveries (the tests' default lets no forecast form, since
 * every test order shares the coarse lanes), and the deadline watch runs only when the test says,
 * so the clock can move without a deadline firing on its way.
 */
@QuarkusTest
@TestProfile(ForecastFlowTest.SlowLaneHistory.class)
class ForecastFlowTest extends DaytimeFlow {

    public static class SlowLaneHistory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracking.forecast.min-samples", "20", "tracking.delays.deadlines.enabled", "false");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY = 24;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ZONE = "America/Sao_Paulo";
    private static final String POSTAL_CODE = "69301-110";
    /** One slow region per run (the learned state outlives a test). */
    private static String region;

    @Inject
    AgroalDataSource db;

    @Inject
    DeadlineWatch watch;

    @TestHTTPResource("/")
    URL base;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @InjectGreenMail
    GreenMail mail;

    @Test
    void aLiveOrderShippedCloseToItsPromiseInASlowLaneIsToldBeforeThePromiseBreaks() throws Exception {
        String lane = slowLaneHistory();
        ConsumerTask<String, String> compensation = LocalKafka.companion().consumeStrings()
                .fromTopics("customer-compensation.v1");
        try {
            Instant today = clock.instant();
            // Placed twelve days ago, promised for the day after tomorrow: on time then, as far as anyone knew.
            clock.travelTo(today.minus(Duration.ofDays(12)));
            Instant placedAt = clock.instant();
            LocalDate promised = LocalDate.ofInstant(placedAt, ZoneOffset.UTC).plusDays(14);
            Customer customer = new Customer("FCLIVE");
            LocalKafka.send(customer.placed(placedAt, promised, lane));
            LocalKafka.send(ContractEvents.confirmed(customer.orderId, placedAt));
            StoredForecast atPlacement = awaitForecast(customer.orderId, f -> true);
            assertEquals("NOT_SHIPPED", atPlacement.basis().name());
            assertTrue(atPlacement.onTimeProbability() > 0.5, "on time, as it looked then: " + atPlacement);
            assertNull(atPlacement.warnedAt());

            // Handed over today, two days before the promise, to a lane whose parcels take eleven days and more.
            clock.travelTo(today);
            LocalKafka.send(ContractEvents.shipped(customer.orderId, "S1", clock.instant(), null));

            Map<String, Object> incident = await().atMost(WAIT).until(() -> incident(customer.orderId),
                    i -> i != null);
            Instant promiseDeadline = promised.plusDays(1).atStartOfDay(ZoneId.of(ZONE)).toInstant();
            assertTrue(clock.instant().isBefore(promiseDeadline), "the promise has not broken");
            assertEquals("DELAY", incident.get("cause"));
            assertEquals("FORECAST_PAST_PROMISE", incident.get("reason"));
            assertEquals("OPEN", incident.get("status"));
            assertEquals(Boolean.TRUE, incident.get("live"));
            StoredForecast warned = awaitForecast(customer.orderId, f -> f.warnedAt() != null);
            assertEquals("SHIPPED", warned.basis().name());
            LocalDate latest = warned.latestAt().atZone(ZoneId.of(ZONE)).toLocalDate();
            LocalDate newDate = ((java.sql.Date) incident.get("new_date")).toLocalDate();
            assertEquals(latest, newDate, "the new date is the forecast's \"at the latest\" date");
            assertTrue(newDate.isAfter(promised.plusDays(6)), newDate + " against the promised " + promised);
            assertEquals(0, deadlines(customer.orderId, "FORECAST"), "warned once: no moment kept");

            // The apology by SMS and e-mail, honest that the date is our expectation.
            String date = LocalizedText.date(newDate, LocalizedText.EN);
            FlowSupport.awaitStatus(db, customer.orderId, "DELAY_NOTICE", "SMS", "ACCEPTED");
            FlowSupport.awaitStatus(db, customer.orderId, "DELAY_NOTICE", "EMAIL", "SENT");
            String sms = FlowSupport.sms(twilio, customer.phone).stream().map(TwilioStandIn.RecordedRequest::body)
                    .filter(b -> b.contains("SORRY-")).findFirst().orElseThrow();
            assertTrue(sms.contains(date) && sms.contains("expect"), sms);
            String email = FlowSupport.mails(mail, customer.email).stream()
                    .map(m -> FlowSupport.part(m, "text/plain")).filter(t -> t.contains("SORRY-")).findFirst()
                    .orElseThrow();
            assertTrue(email.contains("We now expect it by " + date + " at the latest."), email);
            assertTrue(email.contains("parcels to your area are taking longer than usual"), email);

            // The coupon reaches the shop.
            ConsumerRecord<String, String> issued = await().atMost(WAIT).until(() -> compensation.getRecords().stream()
                    .filter(r -> customer.orderId.equals(r.key())).findFirst().orElse(null), r -> r != null);
            JsonNode event = JSON.readTree(issued.value());
            assertEquals("coupon.issued", event.get("type").asText());
            assertEquals("DELAY", event.at("/data/reason").asText());
            assertEquals(incident.get("id").toString(), event.at("/data/incidentId").asText());
            assertTrue(sms.contains(event.at("/data/code").asText()), sms);

            // Support sees the forecast it rests on; the customer's page says it is our expectation.
            JsonNode view = JSON.readTree(given().auth().oauth2(Tokens.support())
                    .get("/api/orders/{id}", customer.orderId).then().statusCode(200).extract().asString());
            JsonNode forecast = view.get("forecast");
            assertEquals("SHIPPED", forecast.get("basis").asText());
            assertEquals(newDate.toString(), forecast.get("latestDate").asText());
            assertTrue(forecast.get("lane").asText().contains(lane.toUpperCase(Locale.ROOT)), forecast.toString());
            assertTrue(forecast.get("samples").asLong() >= 20, forecast.toString());
            assertTrue(forecast.get("onTimeProbability").asDouble() < 0.2, forecast.toString());
            assertFalse(forecast.get("warnedAt").isNull(), forecast.toString());
            String page = given().get("/t/{token}", FlowSupport.trackingToken(db, customer.orderId)).then()
                    .statusCode(200).extract().asString();
            assertTrue(page.contains("We now expect it by, at the latest") && page.contains(date), page);
        } finally {
            compensation.close();
        }
    }

    @Test
    void theWarningMomentIsADeadlineThatTellsTheCustomerWhenItComesWithTheOrderStillNotShipped() throws Exception {
        String lane = slowLaneHistory();
        Instant placedAt = clock.instant();
        LocalDate promised = LocalDate.ofInstant(placedAt, ZoneOffset.UTC).plusDays(16);
        Customer customer = new Customer("FCWAIT");
        LocalKafka.send(customer.placed(placedAt, promised, lane));

        StoredForecast forecast = awaitForecast(customer.orderId, f -> f.warnAt() != null);
        Instant promiseDeadline = promised.plusDays(1).atStartOfDay(ZoneId.of(ZONE)).toInstant();
        assertTrue(forecast.onTimeProbability() > 0.5, forecast.toString());
        assertTrue(forecast.warnAt().isAfter(placedAt) && forecast.warnAt().isBefore(promiseDeadline),
                forecast.toString());
        assertEquals(forecast.warnAt(), deadline(customer.orderId, "FORECAST"));
        assertNull(incident(customer.orderId));

        // The customer's page shows the expected days while the order is on time.
        JsonNode view = JSON.readTree(given().auth().oauth2(Tokens.support())
                .get("/api/orders/{id}", customer.orderId).then().statusCode(200).extract().asString());
        String range = LocalizedText.dayRange(LocalDate.parse(view.at("/forecast/expectedDate").asText()),
                LocalDate.parse(view.at("/forecast/latestDate").asText()), LocalizedText.EN);
        String page = given().get("/t/{token}", FlowSupport.trackingToken(db, customer.orderId)).then()
                .statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"forecast\">" + range + "<"), range + " in " + page);
        String persian = given().queryParam("lang", "fa").get("/t/{token}",
                FlowSupport.trackingToken(db, customer.orderId)).then().statusCode(200).extract().asString();
        assertTrue(persian.contains("زمان تحویلی که انتظار داریم"), persian);

        // The moment comes, the order still not handed over; the watch finds it.
        clock.travelTo(forecast.warnAt().plus(Duration.ofMinutes(1)));
        watch.checkNow();
        Map<String, Object> incident = await().atMost(WAIT).until(() -> incident(customer.orderId), i -> i != null);
        assertTrue(clock.instant().isBefore(promiseDeadline), "before the promise");
        assertEquals("FORECAST_PAST_PROMISE", incident.get("reason"));
        assertEquals(Boolean.TRUE, incident.get("live"));
        assertTrue(((java.sql.Date) incident.get("new_date")).toLocalDate().isAfter(promised));
        assertEquals(1, count("select count(*) from coupon where order_id = ?", customer.orderId));
        assertEquals(2, count("select count(*) from notification where order_id = ? and milestone = 'DELAY_NOTICE'",
                customer.orderId), "an apology by SMS and by e-mail");
        assertNotNull(awaitForecast(customer.orderId, f -> f.warnedAt() != null));
        assertEquals(0, deadlines(customer.orderId, "FORECAST"));
    }

    @Test
    void theConsoleShowsTheForecastWithItsLaneAndSamples() throws Exception {
        ConsoleLogin.keycloak();
        String lane = slowLaneHistory();
        Customer customer = new Customer("FCCONS");
        LocalKafka.send(customer.placed(clock.instant(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .plusDays(16), lane));
        StoredForecast forecast = awaitForecast(customer.orderId, f -> true);
        String page = ConsoleLogin.as(URI.create(base.toString()), "support", "support")
                .get("/console/orders/" + customer.orderId).body();
        String shown = page.substring(page.indexOf("id=\"forecast\""));
        shown = shown.substring(0, shown.indexOf("</dd>"));
        ZoneId zone = ZoneId.of(ZONE);
        assertTrue(shown.contains("most likely " + forecast.mostLikelyAt().atZone(zone).toLocalDate()
                + ", at the latest " + forecast.latestAt().atZone(zone).toLocalDate()), shown);
        assertTrue(shown.contains(Math.round(forecast.onTimeProbability() * 100) + " % likely on time"), shown);
        assertTrue(shown.contains("lane " + forecast.lane().replace(">", "&gt;") + ", " + forecast.laneSamples()
                + " deliveries"), shown);
    }

    /** A live order's customer in the slow lane: English, in Sao Paulo's time zone. */
    private static final class Customer {
        final String orderId;
        final String phone;
        final String email;

        Customer(String prefix) {
            orderId = ContractEvents.uniqueOrderId(prefix);
            phone = "+1555" + String.format("%07d", Math.floorMod(orderId.hashCode(), 10_000_000));
            email = orderId.toLowerCase(Locale.ROOT) + "@customer.example";
        }

        ObjectNode placed(Instant at, LocalDate promised, String region) {
            ObjectNode event = ContractEvents.placed(orderId, at, promised);
            ObjectNode data = (ObjectNode) event.get("data");
            ((ObjectNode) data.get("customer")).put("firstName", "Ana").put("locale", "en-GB").put("timeZone", ZONE)
                    .put("email", email).put("phone", phone);
            address(data, region);
            return event;
        }
    }

    private static void address(ObjectNode data, String region) {
        data.putObject("shippingAddress").put("line1", "Rua das Flores 10").put("city", "Boa Vista")
                .put("postalCode", POSTAL_CODE).put("region", region).put("country", "BR");
    }

    /**
     * The slow lane's history, published once per run: delivered orders handed over 39 days ago that
     * took 11 to 13 days to arrive. Historical events (older than the staleness window): they teach
     * the forecast and message nobody.
     */
    private synchronized String slowLaneHistory() {
        if (region != null) {
            return region;
        }
        String r = "S" + UUID.randomUUID().toString().substring(0, 5).toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < HISTORY; i++) {
            String orderId = ContractEvents.uniqueOrderId("FCHIST");
            Instant placedAt = now.minus(Duration.ofDays(40)).plus(Duration.ofHours(i));
            Instant shippedAt = placedAt.plus(Duration.ofDays(1));
            Instant deliveredAt = shippedAt.plus(Duration.ofHours(12 * 24 + (i % 5 - 2) * 12L));
            ObjectNode placed = ContractEvents.placed(orderId, placedAt,
                    LocalDate.ofInstant(placedAt, ZoneOffset.UTC).plusDays(20));
            address((ObjectNode) placed.get("data"), r);
            LocalKafka.send(placed);
            LocalKafka.send(ContractEvents.confirmed(orderId, placedAt.plus(Duration.ofHours(1))));
            LocalKafka.send(ContractEvents.shipped(orderId, "S1", shippedAt, null));
            LocalKafka.send(ContractEvents.status(orderId, "S1", "DELIVERED", deliveredAt));
            orders.add(orderId);
        }
        orders.forEach(id -> await().atMost(WAIT).until(() -> "DELIVERED".equals(FlowSupport.orderStatus(db, id))));
        assertEquals(HISTORY, count("select coalesce(sum(total), 0) from forecast_duration "
                + "where step = 'TRANSIT' and key = ?", "* > BR > " + r), "the history taught the lane");
        assertEquals(0, count("select count(*) from notification where order_id = any(?) and status <> 'SUPPRESSED'",
                (Object) orders.toArray(String[]::new)), "history messages nobody");
        assertEquals(0, count("select count(*) from incident where order_id = any(?)",
                (Object) orders.toArray(String[]::new)), "delivered in time, nothing to apologise for");
        region = r;
        return r;
    }

    private StoredForecast awaitForecast(String orderId, java.util.function.Predicate<StoredForecast> wanted) {
        return await().atMost(WAIT).until(() -> forecast(orderId), f -> f != null && wanted.test(f));
    }

    @Inject
    ForecastStore forecasts;

    private StoredForecast forecast(String orderId) throws Exception {
        return forecasts.find(orderId).orElse(null);
    }

    private Map<String, Object> incident(String orderId) {
        List<Map<String, Object>> rows = rows("select * from incident where order_id = ? and cause = 'DELAY'", orderId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Instant deadline(String orderId, String kind) {
        List<Map<String, Object>> rows = rows("select due_at from order_deadline where order_id = ? and kind = ?",
                orderId, kind);
        return rows.isEmpty() ? null : ((java.sql.Timestamp) rows.get(0).get("due_at")).toInstant();
    }

    private long deadlines(String orderId, String kind) {
        return count("select count(*) from order_deadline where order_id = ? and kind = ?", orderId, kind);
    }

    private long count(String sql, Object... params) {
        return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
    }

    private List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
