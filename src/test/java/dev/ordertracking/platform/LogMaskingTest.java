package dev.ordertracking.platform;

import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full flow with every message's text logged (the test profile logs bodies), then the whole log of
 * this test run is scanned: no phone number, no e-mail address in clear, from any logger.
 */
@QuarkusTest
class LogMaskingTest {

    private static final Path LOG = Path.of("target/quarkus-test.log");
    private static final Pattern RAW_EMAIL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+\\.[A-Za-z0-9.-]+");
    private static final Pattern RAW_PHONE = Pattern.compile("\\+\\d(?:[ .-]?\\d){6,14}");

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void noContactReachesTheLogInClear() throws Exception {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("MASK", "en-GB", "Europe/London", clock);
        order.placed().confirmed().shipped(order.orderId() + "-P1");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        List<String> lines = log.lines().filter(l -> l.contains(order.orderId())).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("SMS SHIPPED") && l.contains("+") && l.contains("*")),
                "the SMS was logged, its number masked: " + lines);
        assertFalse(log.contains(order.phone()), "the customer's number");
        assertFalse(log.contains(order.email()), "the customer's address");
        Matcher email = RAW_EMAIL.matcher(log);
        assertFalse(email.find(), () -> "an address in clear: " + email.group());
        Matcher phone = RAW_PHONE.matcher(log);
        assertFalse(phone.find(), () -> "a number in clear: " + phone.group());
    }
}
