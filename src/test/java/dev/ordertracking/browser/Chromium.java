package dev.ordertracking.browser;

import dev.ordertracking.testing.Required;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's headless Chromium through chromium-driver, and screenshots kept in target/screenshots.
 * Both are found on PATH; system properties {@code chromium.binary} and {@code chromium.driver} name
 * others.
 */
final class Chromium {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private Chromium() {
    }

    /**
     * A fresh headless browser with its own profile. Without Chromium or its driver the test is
     * skipped, or fails under CI ({@link Required}).
     */
    static WebDriver start(int width, int height) throws Exception {
        return launch(new ChromeOptions().addArguments("--window-size=" + width + "," + height));
    }

    /**
     * A browser whose viewport is a phone's, {@code width} CSS pixels wide: headless Chromium makes
     * no window narrower than 500 pixels, so the phone's screen is emulated.
     */
    static WebDriver phone(int width, int height) throws Exception {
        return launch(new ChromeOptions().addArguments("--window-size=800," + height)
                .setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                        Map.of("width", width, "height", height, "pixelRatio", 1.0))));
    }

    private static WebDriver launch(ChromeOptions options) throws Exception {
        Optional<Path> binary = Required.executable("chromium.binary", "chromium");
        Optional<Path> driver = Required.executable("chromium.driver", "chromedriver");
        Required.tool("Chromium with chromium-driver", binary.isPresent() && driver.isPresent(),
                "found " + binary.map(Path::toString).orElse("no chromium") + " and "
                        + driver.map(Path::toString).orElse("no chromedriver")
                        + " (apt-get install chromium chromium-driver; .ci/run does)");
        Path profile = Files.createTempDirectory("chromium-profile");
        // Without the background-networking switches Chromium keeps calling out to the internet.
        options.setBinary(binary.get().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=" + profile);
        Files.createDirectories(SCREENSHOTS);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).build(),
                options);
    }

    /** The whole page, however long: the window is made as tall as the document for the shot. */
    static void shootWhole(ChromeDriver browser, String name, int width, int height) throws Exception {
        long whole = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", (int) Math.min(whole, 6000), "deviceScaleFactor", 1, "mobile", true));
        try {
            shoot(browser, name);
        } finally {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    static void shoot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
