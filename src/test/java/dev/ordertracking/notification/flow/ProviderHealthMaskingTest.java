package dev.ordertracking.notification.flow;

import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness reports a failing provider with its last error; a provider's error that quotes the
 * customer's number shows it masked there, as in the logs.
 */
@QuarkusTest
class ProviderHealthMaskingTest extends DaytimeFlow {

    @Inject
    AgroalDataSource db;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @Test
    void theLastErrorOfAFailingProviderShowsNoPhoneNumber() {
        Shop order = Shop.order("HEALTHMASK", "en", "Europe/London", clock);
        String digits = order.phone().replaceAll("\\D", "");
        String masked = "+" + "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
        twilio.failFor(order.phone(), 503, 20500, "Service unavailable while sending to " + order.phone());
        try {
            order.placed().confirmed().shipped("S1");
            FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "RETRYING");

            String body = Management.given().get("/q/health/ready").then().statusCode(200).extract().asString();
            Map<String, Object> data = JsonPath.from(body)
                    .getMap("checks.find { it.name == 'notification-providers' }.data");
            String lastError = String.valueOf(data.get("sms.last-error"));
            assertTrue(lastError.startsWith("20500: Service unavailable while sending to "), data.toString());
            assertTrue(lastError.endsWith(masked), lastError);
            assertTrue(String.valueOf(data.get("warning")).contains(masked), data.toString());
            assertFalse(body.contains(order.phone()), body);
            assertFalse(body.contains(digits), body);
        } finally {
            twilio.recover(order.phone());
        }
    }
}
