package dev.ordertracking.browser;

import dev.ordertracking.notification.LocalizedText;
import dev.ordertracking.notification.flow.FlowSupport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.LocalKafka;
import dev.ordertracking.testing.Shop;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.net.URL;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracking page in a real browser (Debian's headless Chromium through chromium-driver): laid out
 * right to left in Persian, a delayed order's apology, and a rating given once. Screenshots go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
class TrackingPageBrowserTest extends DaytimeFlow {

    static WebDriver browser;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    /** Started before the first test, not in @BeforeAll, so that a skip is counted per test. */
    @BeforeEach
    void startBrowser() throws Exception {
        if (browser == null) {
            browser = Chromium.start(412, 915);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String path, String screenshot) throws Exception {
        browser.get(new URL(base, path).toString());
        shoot(screenshot);
    }

    private static void shoot(String name) throws Exception {
        Chromium.shoot(browser, name);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void persianIsLaidOutRightToLeftAndEnglishLeftToRight() throws Exception {
        Shop order = Shop.order("BROWSER", "fa-IR", "Asia/Tehran", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        String token = FlowSupport.trackingToken(db, order.orderId());

        open("t/" + token, "tracking-fa");
        assertEquals("rtl", js("return getComputedStyle(document.body).direction"));
        assertTrue(browser.findElement(By.id("promised")).getText()
                .contains(LocalizedText.date(promised, LocalizedText.FA)));
        // Right to left: the first step of the progress bar is drawn to the right of the last.
        Number first = (Number) js("return document.querySelector('ol.steps li:first-child').getBoundingClientRect().left");
        Number last = (Number) js("return document.querySelector('ol.steps li:last-child').getBoundingClientRect().left");
        assertTrue(first.doubleValue() > last.doubleValue(), "steps run right to left");

        open("t/" + token + "?lang=en", "tracking-en");
        assertEquals("ltr", js("return getComputedStyle(document.body).direction"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains(order.orderId()));
    }

    /**
     * Most tracking links are opened on phones: at 360 and 414 CSS pixels the page never scrolls
     * sideways, with a 32-character order id (as Olist's), in English and right to left in Persian.
     */
    @Test
    void onAPhoneThePageNeverScrollsSideways() throws Exception {
        String olistLikeId = java.util.UUID.randomUUID().toString().replace("-", "");
        Shop order = Shop.order("PHONE", "fa-IR", "Asia/Tehran", clock);
        LocalDate promised = order.promised();
        ObjectNode placed = ContractEvents.placed(olistLikeId, clock.instant(), promised);
        ((ObjectNode) placed.get("data").get("customer")).put("firstName", "Ana");
        LocalKafka.send(placed);
        LocalKafka.send(ContractEvents.confirmed(olistLikeId, clock.instant()));
        LocalKafka.send(ContractEvents.shipped(olistLikeId, olistLikeId + "-P1", clock.instant(), promised));
        ObjectNode held = ContractEvents.status(olistLikeId, olistLikeId + "-P1", "EXCEPTION", clock.instant());
        ((ObjectNode) held.get("data")).put("reason", "CUSTOMS").put("estimatedDeliveryDate",
                promised.plusDays(6).toString());
        LocalKafka.send(held);
        FlowSupport.awaitStatus(db, olistLikeId, "DELAY_NOTICE", "EMAIL", "SENT");
        String token = FlowSupport.trackingToken(db, olistLikeId);

        for (int width : new int[] {360, 414}) {
            WebDriver phone = Chromium.phone(width, 800);
            try {
                for (String lang : List.of("en", "fa")) {
                    phone.get(new URL(base, "t/" + token + "?lang=" + lang).toString());
                    JavascriptExecutor page = (JavascriptExecutor) phone;
                    Chromium.shoot(phone, "tracking-phone-" + width + "-" + lang);
                    Chromium.shootWhole((org.openqa.selenium.chrome.ChromeDriver) phone,
                            "tracking-phone-" + width + "-" + lang + "-whole", width, 800);
                    long innerWidth = ((Number) page.executeScript("return window.innerWidth")).longValue();
                    assertEquals(width, innerWidth, "the viewport is the phone's");
                    long scrollWidth = ((Number) page.executeScript(
                            "return document.documentElement.scrollWidth")).longValue();
                    assertTrue(scrollWidth <= innerWidth, lang + " at " + width + " px scrolls sideways: "
                            + scrollWidth + " > " + innerWidth + "; wider: " + page.executeScript(WIDER_THAN_VIEWPORT));
                    assertTrue(phone.findElement(By.tagName("h1")).getText().contains(olistLikeId), "the whole id");
                    assertTrue(phone.findElement(By.id("apology")).isDisplayed());
                }
            } finally {
                phone.quit();
            }
        }
    }

    /** The elements that reach past the viewport, to say what overflows. */
    private static final String WIDER_THAN_VIEWPORT = "return Array.from(document.querySelectorAll('body *'))"
            + ".filter(e => { const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 0.5 || r.left < -0.5; })"
            + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left)"
            + " + '..' + Math.round(e.getBoundingClientRect().right)).join(', ')";

    @Test
    void aDelayedOrderShowsItsApologyAndARatingIsGivenOnce() throws Exception {
        Shop order = Shop.order("BROWSER", "en-GB", "Europe/London", clock);
        LocalDate promised = order.promised();
        order.placed().confirmed().shipped("S1").status("S1", "EXCEPTION", "CUSTOMS", promised.plusDays(4));
        FlowSupport.awaitStatus(db, order.orderId(), "DELAY_NOTICE", "EMAIL", "SENT");
        String token = FlowSupport.trackingToken(db, order.orderId());

        open("t/" + token, "tracking-delayed");
        assertTrue(browser.findElement(By.id("apology")).isDisplayed());
        assertEquals(LocalizedText.date(promised.plusDays(4), LocalizedText.EN),
                browser.findElement(By.id("new-date")).getText());
        assertTrue(browser.findElement(By.id("coupon-code")).getText().startsWith("SORRY-"));

        order.status("S1", "DELIVERED");
        org.awaitility.Awaitility.await().atMost(FlowSupport.WAIT)
                .until(() -> "DELIVERED".equals(FlowSupport.orderStatus(db, order.orderId())));
        open("t/" + token, "tracking-rate");
        browser.findElement(By.cssSelector("input[name=rating][value='4']")).click();
        browser.findElement(By.id("comment")).sendKeys("Late, but the apology was kind");
        browser.findElement(By.cssSelector("#feedback button[type=submit]")).click();
        // The answer is a new page: wait for it rather than read the old one as it goes.
        org.awaitility.Awaitility.await().atMost(FlowSupport.WAIT).ignoreExceptions()
                .until(() -> browser.findElements(By.cssSelector("input[name=rating]")).isEmpty());
        String thanks = browser.findElement(By.id("feedback")).getText();
        shoot("tracking-rated");
        assertTrue(thanks.contains("You rated this order 4 of 5"), thanks);
        assertTrue(browser.findElements(By.cssSelector("input[name=rating]")).isEmpty(), "asked once");
    }
}
