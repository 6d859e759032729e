package dev.ordertracking.browser;

import dev.ordertracking.console.ConsoleLogin;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.Shop;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support console in headless Chromium: signing in on Keycloak's own login page, the dashboard's
 * charts drawn from real orders, keyboard basics, a search, and closing a follow-up. Screenshots go
 * to {@code target/screenshots/}.
 */
@QuarkusTest
class ConsoleBrowserTest extends DaytimeFlow {

    static WebDriver browser;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    /** Started before the first test, not in @BeforeAll, so that a skip is counted per test. */
    @BeforeEach
    void startBrowser() throws Exception {
        if (browser == null) {
            browser = Chromium.start(1280, 2200);
        }
        ConsoleLogin.keycloak();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static void present(By element) {
        await().atMost(WAIT).ignoreExceptions().until(() -> !browser.findElements(element).isEmpty());
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** A delivered order, late or on time, rated by its customer. */
    private Shop deliveredAndRated(boolean late, int rating) throws Exception {
        Shop order = Shop.order("DESK", "en-GB", "Europe/London", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped(order.orderId() + "-P1");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        if (late) {
            clock.travelTo(promised.plusDays(1).atTime(12, 0).atZone(ZoneId.of("Europe/London")).toInstant());
        }
        order.status(order.orderId() + "-P1", "DELIVERED");
        await().atMost(FlowSupport.WAIT).until(() -> "DELIVERED".equals(FlowSupport.orderStatus(db, order.orderId())));
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("rating", Integer.toString(rating))
                .formParam("comment", late ? "Arrived late" : "Fine").post("/t/{t}/feedback",
                        FlowSupport.trackingToken(db, order.orderId())).then().statusCode(303);
        clock.travelTo(FlowSupport.daytime());
        return order;
    }

    @Test
    void supportSignsInReadsTheDashboardFindsAnOrderAndClosesItsFollowUp() throws Exception {
        deliveredAndRated(false, 5);
        Shop late = deliveredAndRated(true, 2);

        browser.get(new URL(base, "/console").toString());
        present(By.id("kc-form-login"));
        Chromium.shoot(browser, "console-sign-in");
        browser.findElement(By.id("username")).sendKeys("support");
        browser.findElement(By.id("password")).sendKeys("support");
        browser.findElement(By.id("kc-login")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> browser.getCurrentUrl().contains("/console"));
        present(By.id("chart-on-time"));
        assertTrue(browser.getPageSource().contains("Signed in as"), "signed in");

        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        browser.get(new URL(base, "/console?from=" + today.minusDays(2) + "&to=" + today.plusDays(8)).toString());
        for (String chart : List.of("chart-on-time", "chart-delay-reasons", "chart-delivery-hours",
                "chart-message-funnel", "chart-feedback")) {
            Number drawn = (Number) js("return Array.from(document.querySelectorAll('#" + chart + " rect.bar'))"
                    + ".filter(r => r.getBoundingClientRect().height > 0 && r.getBoundingClientRect().width > 0).length");
            assertTrue(drawn.intValue() > 0, chart + " draws bars from the data");
        }
        Number feedbackBars = (Number) js("return document.querySelectorAll('#chart-feedback rect.bar').length");
        assertEquals(2, feedbackBars.intValue(), "on time and late");
        Chromium.shoot(browser, "console-dashboard");

        // Keyboard: the first Tab lands on the skip link; every field has a label.
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("skip", js("return document.activeElement.className"));
        assertEquals(0L, ((Number) js("return Array.from(document.querySelectorAll('input:not([type=hidden]),select,textarea'))"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).length")).longValue());

        WebElement search = browser.findElement(By.id("q"));
        search.sendKeys(late.email());
        search.sendKeys(Keys.ENTER);
        await().atMost(WAIT).ignoreExceptions().until(() -> browser.getCurrentUrl().contains("/console/orders/" + late.orderId()));
        String page = browser.getPageSource();
        assertTrue(page.contains("Rated <strong>2 of 5</strong>"), "the rating");
        assertTrue(page.contains("LATE_DELIVERY") || page.contains("PROMISE_BROKEN"), "the incident");
        assertEquals(0L, ((Number) js("return Array.from(document.querySelectorAll('input:not([type=hidden]),select,textarea'))"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).length")).longValue());
        Chromium.shoot(browser, "console-order");

        WebElement closing = browser.findElement(By.cssSelector("#feedback textarea"));
        closing.sendKeys("Called the customer; refunded the shipping");
        browser.findElement(By.xpath("//button[text()='Close follow-up']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElements(By.cssSelector(".notice.ok")).stream()
                .anyMatch(e -> e.getText().contains("Follow-up closed.")));
        assertEquals("CLOSED", followUpStatus(late.orderId()));
        assertTrue(browser.getPageSource().contains("Called the customer; refunded the shipping"));
        Chromium.shoot(browser, "console-follow-up-closed");
    }

    private String followUpStatus(String orderId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select status from follow_up where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
