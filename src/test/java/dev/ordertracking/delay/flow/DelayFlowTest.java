package dev.ordertracking.delay.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.delay.DeadlineWatch;
import dev.ordertracking.delay.DelayHandling;
import dev.ordertracking.notification.LocalizedText;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.Tokens;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.ordertracking.notification.flow.FlowSupport.awaitStatus;
import static dev.ordertracking.notification.flow.FlowSupport.mails;
import static dev.ordertracking.notification.flow.FlowSupport.part;
import static dev.ordertracking.notification.flow.FlowSupport.sms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delays through the real broker, database, Twilio stand-in and SMTP server: a predicted delay told
 * before the promise breaks, a broken promise found by its deadline (once, with racing watchers,
 * and after a crash), the coupon on Kafka, and the exact new date in each language.
 */
@QuarkusTest
@QuarkusTestResource(dev.ordertracking.testing.GreenMailResource.class)
class DelayFlowTest extends DaytimeFlow {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    DelayHandling handling;

    @Inject
    DeadlineWatch watch;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @InjectGreenMail
    GreenMail mail;

    @ParameterizedTest
    @CsvSource({"en-US, America/New_York", "fa-IR, Asia/Tehran", "pt-BR, America/Sao_Paulo"})
    void aLaterEstimateIsToldBeforeThePromiseBreaksWithTheExactDateAndACoupon(String tag, String zone)
            throws Exception {
        ConsumerTask<String, String> compensation = LocalKafka.companion().consumeStrings()
                .fromTopics("customer-compensation.v1", Duration.ofSeconds(30));
        ConsumerTask<String, String> tracking = LocalKafka.companion().consumeStrings()
                .fromTopics("order-tracking.v1", Duration.ofSeconds(30));
        Shop order = Shop.order("LATE", tag, zone, clock);
        LocalDate promised = order.promised();
        LocalDate estimate = promised.plusDays(3);
        order.placed().confirmed().shipped("S1").status("S1", "IN_TRANSIT", null, estimate);

        Notifications.Row text = awaitStatus(db, order.orderId(), "DELAY_NOTICE", "SMS", "ACCEPTED");
        awaitStatus(db, order.orderId(), "DELAY_NOTICE", "EMAIL", "SENT");
        Map<String, Object> incident = Incidents.of(db, order.orderId()).get(0);
        assertEquals("ESTIMATE_PAST_PROMISE", incident.get("reason"));
        assertEquals("OPEN", incident.get("status"));
        assertEquals(3, incident.get("delay_days"));
        Map<String, Object> coupon = Incidents.coupons(db, order.orderId()).get(0);
        String code = (String) coupon.get("code");
        assertEquals("ISSUED", coupon.get("status"));
        assertEquals("PERCENT", coupon.get("kind"));

        Locale locale = LocalizedText.resolve(tag, "en");
        String newDate = LocalizedText.date(estimate, locale);
        String body = sms(twilio, order.phone()).stream().map(TwilioStandIn.RecordedRequest::body)
                .filter(b -> b.equals(text.body())).findFirst().orElseThrow();
        assertTrue(body.contains(code), body);
        assertTrue(body.contains(newDate), body + " should name " + newDate);
        MimeMessage email = mails(mail, order.email()).stream()
                .filter(m -> String.valueOf(part(m, "text/plain")).contains(code)).findFirst().orElseThrow();
        String html = part(email, "text/html");
        assertTrue(html.contains(newDate), html);
        if (locale.equals(LocalizedText.FA)) {
            assertTrue(html.contains("dir=\"rtl\""), "right to left");
            assertTrue(newDate.chars().anyMatch(c -> c >= '۰' && c <= '۹'), "Persian digits: " + newDate);
        }

        ConsumerRecord<String, String> issued = await().atMost(FlowSupport.WAIT).until(() -> compensation.getRecords()
                .stream().filter(r -> order.orderId().equals(r.key())).findFirst().orElse(null), r -> r != null);
        JsonNode event = JSON.readTree(issued.value());
        assertEquals("coupon.issued", event.get("type").asText());
        assertEquals(code, event.at("/data/code").asText());
        assertEquals(incident.get("id").toString(), event.at("/data/incidentId").asText());
        ConsumerRecord<String, String> delay = await().atMost(FlowSupport.WAIT).until(() -> tracking.getRecords()
                .stream().filter(r -> order.orderId().equals(r.key()) && r.value().contains("order.delay_detected"))
                .findFirst().orElse(null), r -> r != null);
        assertEquals(estimate.toString(), JSON.readTree(delay.value()).at("/data/newEstimatedDeliveryDate").asText());
        assertEquals(promised.toString(), JSON.readTree(delay.value()).at("/data/promisedDeliveryDate").asText());
        compensation.close();
        tracking.close();

        JsonNode view = JSON.readTree(given().auth().oauth2(Tokens.support()).get("/api/orders/{id}", order.orderId())
                .then().statusCode(200).extract().asString());
        assertEquals("ESTIMATE_PAST_PROMISE", view.at("/incidents/0/reason").asText());
        assertEquals(estimate.toString(), view.at("/incidents/0/newDate").asText());
        assertEquals(code, view.at("/coupons/0/code").asText());
        assertEquals(1, view.at("/incidents/0/signals").size(), "one sign: the estimate");
    }

    @Test
    void aFurtherSlipSendsAnUpdateAndDeliveryClosesTheIncident() {
        Shop order = Shop.order("SLIP", "en-GB", "Europe/London", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1").status("S1", "EXCEPTION", "WEATHER", promised.plusDays(1));
        awaitStatus(db, order.orderId(), "DELAY_NOTICE", "EMAIL", "SENT");
        order.status("S1", "IN_TRANSIT", null, promised.plusDays(4));
        await().atMost(FlowSupport.WAIT).until(() -> Notifications.of(db, order.orderId()).stream()
                .filter(r -> r.milestone().equals("DELAY_NOTICE") && r.channel().equals("EMAIL")
                        && r.status().equals("SENT")).count() == 2);
        assertEquals(1, Incidents.of(db, order.orderId()).size(), "one incident for one slip");
        assertEquals(1, Incidents.coupons(db, order.orderId()).size(), "never two coupons for one incident");
        List<String> smsBodies = sms(twilio, order.phone()).stream().map(TwilioStandIn.RecordedRequest::body).toList();
        assertTrue(smsBodies.stream().anyMatch(b -> b.contains(LocalizedText.date(promised.plusDays(4),
                LocalizedText.EN))), smsBodies.toString());

        order.status("S1", "DELIVERED");
        await().atMost(FlowSupport.WAIT).until(() -> "CLOSED".equals(Incidents.of(db, order.orderId()).get(0)
                .get("status")));
        assertEquals("delivered", Incidents.of(db, order.orderId()).get(0).get("close_reason"));
    }

    @Test
    void aNoticeOvertakenBeforeItWentOutGivesWayToTheNewerOne() {
        // 02:00 in London: the SMS notices wait for the morning, so both are still unsent when the
        // second comes. Written at send time, both would give the newer date: only that one goes.
        clock.travelTo(FlowSupport.daytime().minus(Duration.ofHours(12)));
        Shop order = Shop.order("OVERTAKEN", "en-GB", "Europe/London", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1").status("S1", "EXCEPTION", "WEATHER", promised.plusDays(1));
        awaitStatus(db, order.orderId(), "DELAY_NOTICE", "SMS", "DEFERRED");
        order.status("S1", "IN_TRANSIT", null, promised.plusDays(4));
        await().atMost(FlowSupport.WAIT).until(() -> smsNotices(order).size() == 2);

        clock.travelTo(FlowSupport.daytime());
        await().atMost(FlowSupport.WAIT).until(() -> smsNotices(order).stream()
                .map(Notifications.Row::status).sorted().toList(), statuses -> statuses.equals(List.of("ACCEPTED", "DROPPED")));
        Notifications.Row dropped = smsNotices(order).stream().filter(r -> r.status().equals("DROPPED")).findFirst()
                .orElseThrow();
        assertTrue(dropped.dedupKey().endsWith("-1/SMS") && dropped.reason().startsWith("superseded: notice 2"),
                dropped.toString());
        List<String> apologies = sms(twilio, order.phone()).stream().map(TwilioStandIn.RecordedRequest::body)
                .filter(b -> b.contains("Sorry")).toList();
        assertEquals(1, apologies.size(), "one apology by SMS: " + apologies);
        assertTrue(apologies.get(0).contains(LocalizedText.date(promised.plusDays(4), LocalizedText.EN)),
                apologies.get(0));
    }

    private List<Notifications.Row> smsNotices(Shop order) {
        return Notifications.of(db, order.orderId()).stream()
                .filter(r -> r.milestone().equals("DELAY_NOTICE") && r.channel().equals("SMS")).toList();
    }

    @Test
    void aDelayToldInAdvanceCountsAsProactiveOnceTheOrderArrivesLate() throws Exception {
        JsonNode before = delayStats();
        Shop order = Shop.order("PROACTIVE", "en-GB", "Europe/London", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1").status("S1", "IN_TRANSIT", null, promised.plusDays(2));
        awaitStatus(db, order.orderId(), "DELAY_NOTICE", "EMAIL", "SENT");
        clock.travelTo(promised.plusDays(2).atTime(12, 0).atZone(ZoneId.of("Europe/London")).toInstant());
        order.status("S1", "DELIVERED");
        await().atMost(FlowSupport.WAIT).until(() -> Incidents.count(db, "select count(*) from order_journey "
                + "where order_id = ? and delivery_timing = 'LATE'", order.orderId()) == 1);
        JsonNode after = delayStats();
        assertEquals(before.get("lateDeliveries").asLong() + 1, after.get("lateDeliveries").asLong());
        assertEquals(before.get("toldBeforeDeadline").asLong() + 1, after.get("toldBeforeDeadline").asLong(),
                "told before the promised date passed");
        assertEquals(0, Notifications.of(db, order.orderId()).stream()
                .filter(r -> r.milestone().equals("LATE_DELIVERY")).count(), "told already: no second apology");
        assertEquals("CLOSED", Incidents.of(db, order.orderId()).stream().filter(i -> "DELAY".equals(i.get("cause")))
                .findFirst().orElseThrow().get("status"));
    }

    private JsonNode delayStats() throws Exception {
        return JSON.readTree(given().auth().oauth2(Tokens.support()).get("/api/stats/delays").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void aBrokenPromiseIsFoundByItsDeadlineOnce() {
        Shop order = Shop.order("BREACH", "pt-BR", "America/Sao_Paulo", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1").status("S1", "IN_TRANSIT");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        Instant deadline = promised.plusDays(1).atStartOfDay(ZoneId.of("America/Sao_Paulo")).toInstant();
        // Daytime in Sao Paulo, ten seconds after the deadline passed.
        clock.travelTo(deadline.plus(Duration.ofHours(14)));
        awaitStatus(db, order.orderId(), "DELAY_NOTICE", "SMS", "ACCEPTED");
        List<Map<String, Object>> incidents = Incidents.of(db, order.orderId()).stream()
                .filter(i -> "DELAY".equals(i.get("cause"))).toList();
        assertEquals(1, incidents.size());
        assertEquals("PROMISE_BROKEN", incidents.get(0).get("reason"));
        assertEquals(promised.plusDays(2), ((java.sql.Date) incidents.get(0).get("new_date")).toLocalDate(),
                "no carrier estimate: the promise plus the configured buffer");
        assertEquals(0, Incidents.count(db, "select count(*) from order_deadline where order_id = ? and kind = 'PROMISE'",
                order.orderId()));
    }

    @Test
    void racingWatchersFindEachBrokenPromiseOnce() throws Exception {
        List<Shop> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Shop order = Shop.order("RACE", "en-GB", "Europe/London", clock);
            order.placed(order.promised()).confirmed();
            orders.add(order);
        }
        orders.forEach(o -> FlowSupport.awaitStatus(db, o.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT"));
        String[] ids = orders.stream().map(Shop::orderId).toArray(String[]::new);
        clock.travelTo(clock.instant().plus(Duration.ofDays(6)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> check = () -> QuarkusTransaction.requiringNew()
                        .call(() -> handling.onDeadlines(clock.instant(), 7));
                runs.add(pool.submit(check));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        // The dispatch window and the promise both passed: one DELAY incident each, the promise its latest sign.
        String broken = "select count(*) from incident where order_id = any(?) and cause = 'DELAY' "
                + "and latest_reason = 'PROMISE_BROKEN'";
        await().atMost(FlowSupport.WAIT).until(() -> Incidents.count(db, broken, (Object) ids) == ids.length);
        Thread.sleep(500);
        assertEquals(ids.length, Incidents.count(db, "select count(*) from incident where order_id = any(?) "
                + "and cause = 'DELAY'", (Object) ids));
        assertEquals(ids.length, Incidents.count(db, "select count(*) from incident_signal s join incident i "
                + "on i.id = s.incident_id where i.order_id = any(?) and s.kind = 'PROMISE_DEADLINE'", (Object) ids),
                "each deadline noted once");
        assertEquals(ids.length, Incidents.count(db,
                "select count(*) from coupon where order_id = any(?)", (Object) ids));
    }

    /** Stands for a process dying after taking its deadlines and before committing. */
    static class ProcessDied extends RuntimeException {
    }

    @Test
    void aCrashBetweenTakingADeadlineAndCommittingLeavesItForTheNextCheck() {
        Shop order = Shop.order("CRASH", "en-GB", "Europe/London", clock);
        order.placed(order.promised()).confirmed();
        FlowSupport.awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "SENT");
        // The order's lock keeps the running watch off it while this "process" takes its deadline and dies.
        Instant later = clock.instant().plus(Duration.ofDays(6));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    assertTrue(handling.onDeadlines(later, 10_000) > 0);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new ProcessDied();
            });
        } catch (ProcessDied expected) {
            // the transaction rolled back, as a crash would leave it
        }
        assertEquals(0, Incidents.count(db, "select count(*) from incident where order_id = ?", order.orderId()));
        assertEquals(1, Incidents.count(db, "select count(*) from order_deadline where order_id = ? and kind = 'PROMISE'",
                order.orderId()), "the rolled-back take left the promise deadline in place");
        clock.travelTo(later);
        watch.wake();
        await().atMost(FlowSupport.WAIT).until(() -> Incidents.count(db, "select count(*) from incident "
                + "where order_id = ? and cause = 'DELAY' and latest_reason = 'PROMISE_BROKEN'", order.orderId()) == 1);
        // The running watch took it: once, and nothing due by then is left behind.
        assertEquals(1, Incidents.count(db, "select count(*) from incident_signal s join incident i on i.id = s.incident_id "
                + "where i.order_id = ? and s.kind = 'PROMISE_DEADLINE'", order.orderId()), "the deadline noted once");
        assertEquals(0, Incidents.count(db, "select count(*) from order_deadline where order_id = ? and due_at <= ?",
                order.orderId(), java.sql.Timestamp.from(later)), "no deadline due by then is left");
        assertEquals(1, Incidents.count(db, "select count(*) from incident where order_id = ?", order.orderId()));
    }
}
