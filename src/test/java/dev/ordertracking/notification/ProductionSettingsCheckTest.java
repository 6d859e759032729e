package dev.ordertracking.notification;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings production refuses to start without. */
class ProductionSettingsCheckTest {

    private static final Optional<String> GOOD_KEY = Optional.of("k".repeat(32));

    @Test
    void aPublicHttpsAddressAndALongKeyPass() {
        assertEquals(List.of(), ProductionSettingsCheck.problems("https://track.shop.example", GOOD_KEY));
        assertEquals(List.of(), ProductionSettingsCheck.problems("https://shop.example/tracking/", GOOD_KEY));
    }

    @Test
    void theDefaultAddressIsRefused() {
        List<String> problems = ProductionSettingsCheck.problems("http://localhost:8080", GOOD_KEY);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("tracking.public-base-url (TRACKING_PUBLIC_BASE_URL) is"
                + " 'http://localhost:8080': customers cannot reach localhost"), problems.toString());
        assertTrue(problems.get(1).contains("must start with https://"), problems.toString());
    }

    @Test
    void loopbackAndPlainHttpAreRefused() {
        for (String url : List.of("https://127.0.0.1", "https://[::1]:8443", "https://LOCALHOST", "https://app.localhost",
                "https://0.0.0.0")) {
            List<String> problems = ProductionSettingsCheck.problems(url, GOOD_KEY);
            assertEquals(1, problems.size(), url + ": " + problems);
            assertTrue(problems.get(0).contains("customers cannot reach"), problems.toString());
        }
        List<String> clear = ProductionSettingsCheck.problems("http://track.shop.example", GOOD_KEY);
        assertEquals(1, clear.size(), clear.toString());
        assertTrue(clear.get(0).startsWith("tracking.public-base-url"), clear.toString());
        for (String url : List.of("track.shop.example", "", "https://", "not a url")) {
            assertTrue(!ProductionSettingsCheck.problems(url, GOOD_KEY).isEmpty(), url);
        }
    }

    @Test
    void aMissingOrShortSigningKeyIsRefused() {
        for (Optional<String> key : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("   "))) {
            List<String> problems = ProductionSettingsCheck.problems("https://track.shop.example", key);
            assertEquals(List.of("tracking.notifications.link-signing-key (TRACKING_NOTIFICATIONS_LINK_SIGNING_KEY)"
                    + " is not set: set at least 32 random bytes, the same on every replica"), problems);
        }
        List<String> shortKey = ProductionSettingsCheck.problems("https://track.shop.example", Optional.of("k".repeat(31)));
        assertEquals(List.of("tracking.notifications.link-signing-key (TRACKING_NOTIFICATIONS_LINK_SIGNING_KEY)"
                + " has 31 bytes: use at least 32 random ones"), shortKey);
        // Bytes, not characters: 16 two-byte characters are enough.
        assertEquals(List.of(), ProductionSettingsCheck.problems("https://track.shop.example", Optional.of("é".repeat(16))));
    }
}
