package dev.ordertracking.notification.flow;

import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.ordertracking.notification.flow.FlowSupport.awaitStatus;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without Twilio or SMTP settings the service runs, keeps the messages and says why they wait. */
@QuarkusTest
@TestProfile(WithoutProvidersTest.NoProviders.class)
class WithoutProvidersTest {

    /** The global Twilio stand-in and SMTP server are left out, so nothing is configured. */
    public static class NoProviders implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void messagesWaitWithAClearStatusAndHealthWarns() {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("NOCRED", "en", "Europe/London", clock).placed().confirmed();
        awaitStatus(db, order.orderId(), "ORDER_CONFIRMED", "EMAIL", "WAITING_FOR_PROVIDER");
        order.shipped("S1");
        Notifications.Row sms = awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "WAITING_FOR_PROVIDER");
        assertTrue(sms.reason().contains("not configured"), sms.reason());
        assertTrue(sms.body().contains("Ana"), "the text is rendered and kept for when it can go: " + sms.body());

        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'notification-providers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'notification-providers' }.data.sms", equalTo("NOT CONFIGURED"))
                .body("checks.find { it.name == 'notification-providers' }.data.email", equalTo("NOT CONFIGURED"))
                .body("checks.find { it.name == 'notification-providers' }.data.warning",
                        containsString("SMS provider not configured"))
                .body("checks.name", hasItem("notification-providers"));
    }
}
