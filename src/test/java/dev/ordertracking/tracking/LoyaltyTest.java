package dev.ordertracking.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With loyalty on (every 2nd delivered order here), the 2nd and 4th deliveries of a customer earn a coupon. */
@QuarkusTest
@TestProfile(LoyaltyTest.EverySecondOrder.class)
class LoyaltyTest {

    public static class EverySecondOrder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracking.loyalty.every-nth-order", "2", "tracking.loyalty.kind", "AMOUNT",
                    "tracking.loyalty.value", "5.00", "tracking.loyalty.currency", "EUR");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @dev.ordertracking.testing.InjectGreenMail
    com.icegreen.greenmail.util.GreenMail mail;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void everySecondDeliveredOrderOfACustomerEarnsAThankYouCoupon() throws Exception {
        clock.travelTo(FlowSupport.daytime());
        ConsumerTask<String, String> compensation = LocalKafka.companion().consumeStrings()
                .fromTopics("customer-compensation.v1", Duration.ofSeconds(30));
        String customer = "C-LOYAL-" + UUID.randomUUID();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Shop order = Shop.order("LOYAL", "en-GB", "Europe/London", clock).forCustomer(customer)
                    .placed().confirmed().shipped("S1").status("S1", "DELIVERED");
            orders.add(order.orderId());
            await().atMost(FlowSupport.WAIT).until(() -> "DELIVERED".equals(status(order.orderId())));
        }
        assertEquals(List.of(0, 1, 0, 1), orders.stream().map(this::loyaltyCoupons).toList(), "the 2nd and the 4th");

        ConsumerRecord<String, String> issued = await().atMost(FlowSupport.WAIT).until(() -> compensation.getRecords()
                .stream().filter(r -> orders.get(1).equals(r.key())).findFirst().orElse(null), r -> r != null);
        JsonNode event = JSON.readTree(issued.value());
        assertEquals("coupon.issued", event.get("type").asText());
        assertEquals("LOYALTY", event.at("/data/reason").asText());
        assertEquals("AMOUNT", event.at("/data/kind").asText());
        assertEquals("5", event.at("/data/value").asText());
        assertEquals("EUR", event.at("/data/currency").asText());
        assertTrue(event.at("/data/incidentId").isNull());
        String code = event.at("/data/code").asText();
        assertTrue(code.startsWith("SORRY-"));
        compensation.close();

        // The customer hears of it in the rating request a day later.
        String secondEmail = orders.get(1).toLowerCase() + "@customer.example";
        clock.travelTo(clock.instant().plus(Duration.ofHours(25)));
        FlowSupport.awaitStatus(db, orders.get(1), "FEEDBACK_REQUEST", "EMAIL", "SENT");
        String text = FlowSupport.mails(mail, secondEmail).stream()
                .filter(m -> FlowSupport.subject(m).equals("How was your order?"))
                .map(m -> FlowSupport.part(m, "text/plain")).findFirst().orElseThrow();
        assertTrue(text.contains("here is €5.00 off your next order with the code " + code), text);
        FlowSupport.awaitStatus(db, orders.get(0), "FEEDBACK_REQUEST", "EMAIL", "SENT");
        assertTrue(FlowSupport.mails(mail, orders.get(0).toLowerCase() + "@customer.example").stream()
                .map(m -> FlowSupport.part(m, "text/plain")).noneMatch(t -> t.contains("SORRY-")), "no coupon, no word");
    }

    private String status(String orderId) {
        return FlowSupport.orderStatus(db, orderId);
    }

    private int loyaltyCoupons(String orderId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from coupon where order_id = ? and reason = 'LOYALTY' and status = 'ISSUED'")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
