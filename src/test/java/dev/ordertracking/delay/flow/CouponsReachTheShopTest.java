package dev.ordertracking.delay.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every coupon the service writes reaches the shop as one {@code coupon.issued} on
 * {@code customer-compensation.v1}, also when many are issued in one transaction (a burst of due
 * deadlines, an ingest batch of carrier exceptions), and every code a customer is sent is one the
 * shop can honour. Through the real broker, database, Twilio stand-in and SMTP server.
 */
@QuarkusTest
@QuarkusTestResource(dev.ordertracking.testing.GreenMailResource.class)
class CouponsReachTheShopTest extends DaytimeFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 60;
    private static final Pattern CODE = Pattern.compile("SORRY(?:-[A-Z0-9]{4}){3}");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AgroalDataSource db;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @InjectGreenMail
    GreenMail mail;

    @Test
    void aBurstOfBrokenPromisesPublishesEveryCoupon() {
        ConsumerTask<String, String> compensation = LocalKafka.companion().consumeStrings()
                .fromTopics("customer-compensation.v1");
        try {
            List<Shop> orders = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                Shop order = Shop.order("BURST", "en-GB", "Europe/London", clock);
                order.placed(order.promised()).confirmed().shipped("S1").status("S1", "IN_TRANSIT");
                orders.add(order);
            }
            orders.forEach(o -> awaitStatus(o, "SHIPPED", "EMAIL", "SENT"));
            // Past every promise at once: the deadline watch takes them together, in one transaction.
            clock.travelTo(clock.instant().plus(Duration.ofDays(6)));
            assertEveryCouponReachesTheShop(orders, compensation);
        } finally {
            compensation.close();
        }
    }

    @Test
    void anIngestBatchOfCarrierExceptionsPublishesEveryCoupon() {
        ConsumerTask<String, String> compensation = LocalKafka.companion().consumeStrings()
                .fromTopics("customer-compensation.v1");
        try {
            List<Shop> orders = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                Shop order = Shop.order("WEATHER", "en-GB", "Europe/London", clock);
                order.placed().confirmed().shipped("S1");
                orders.add(order);
            }
            orders.forEach(o -> awaitStatus(o, "SHIPPED", "EMAIL", "SENT"));
            // Published back to back without waiting for each acknowledgement, so the consumers
            // poll them in a few large batches.
            for (Shop order : orders) {
                ObjectNode event = order.event("S1", "EXCEPTION");
                ((ObjectNode) event.get("data")).put("reason", "WEATHER").put("description", "held: WEATHER")
                        .put("estimatedDeliveryDate", order.promised().plusDays(3).toString());
                LocalKafka.producer().send(new ProducerRecord<>(LocalKafka.SHIPMENTS, order.orderId(),
                        event.toString().getBytes(StandardCharsets.UTF_8)));
            }
            LocalKafka.producer().flush();
            assertEveryCouponReachesTheShop(orders, compensation);
        } finally {
            compensation.close();
        }
    }

    private void assertEveryCouponReachesTheShop(List<Shop> orders, ConsumerTask<String, String> compensation) {
        String[] ids = orders.stream().map(Shop::orderId).toArray(String[]::new);
        await().atMost(WAIT).until(() -> Incidents.count(db, "select count(*) from coupon where order_id = any(?) "
                + "and status = 'ISSUED'", (Object) ids) == ORDERS);
        Map<String, String> codeByOrder = new HashMap<>();
        Incidents.rows(db, "select order_id, code from coupon where order_id = any(?)", (Object) ids)
                .forEach(r -> codeByOrder.put((String) r.get("order_id"), (String) r.get("code")));
        assertEquals(ORDERS, codeByOrder.size(), "one coupon per order");

        Set<String> orderIds = Set.of(ids);
        await("a coupon.issued for every coupon row").atMost(WAIT)
                .until(() -> publishedCodes(compensation, orderIds).keySet().containsAll(codeByOrder.values()));
        Map<String, Integer> published = publishedCodes(compensation, orderIds);
        assertEquals(new HashSet<>(codeByOrder.values()), published.keySet(),
                "the shop received exactly the codes the coupon table holds");
        published.forEach((code, times) -> assertEquals(1, times, code + " published once"));

        // What the customers were sent: each apology by SMS and e-mail, each code one the shop knows.
        orders.forEach(o -> {
            awaitStatus(o, "DELAY_NOTICE", "SMS", "ACCEPTED");
            awaitStatus(o, "DELAY_NOTICE", "EMAIL", "SENT");
        });
        for (Shop order : orders) {
            String code = codeByOrder.get(order.orderId());
            Set<String> sent = new HashSet<>();
            FlowSupport.sms(twilio, order.phone()).forEach(r -> sent.addAll(codes(r.body())));
            FlowSupport.mails(mail, order.email())
                    .forEach(m -> sent.addAll(codes(FlowSupport.part(m, "text/plain"))));
            assertEquals(Set.of(code), sent, "the codes sent to the customer of " + order.orderId());
            assertTrue(published.containsKey(code), code + " reached the shop");
        }
    }

    private void awaitStatus(Shop order, String milestone, String channel, String status) {
        await().atMost(WAIT).until(() -> Notifications.one(db, order.orderId(), milestone, channel),
                r -> r != null && status.equals(r.status()));
    }

    /** The codes of {@code coupon.issued} records for these orders, with how often each was published. */
    private static Map<String, Integer> publishedCodes(ConsumerTask<String, String> compensation,
                                                       Set<String> orderIds) {
        Map<String, Integer> codes = new HashMap<>();
        for (ConsumerRecord<String, String> r : compensation.getRecords()) {
            JsonNode event = read(r.value());
            if ("coupon.issued".equals(event.path("type").asText())
                    && orderIds.contains(event.at("/data/orderId").asText())) {
                codes.merge(event.at("/data/code").asText(), 1, Integer::sum);
            }
        }
        return codes;
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> codes(String text) {
        Set<String> found = new HashSet<>();
        if (text != null) {
            Matcher m = CODE.matcher(text);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }
}
