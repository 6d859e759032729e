package dev.ordertracking.notification.email;

import dev.ordertracking.notification.email.UnsubscribeLinks.Check;
import dev.ordertracking.notification.email.UnsubscribeLinks.Expired;
import dev.ordertracking.notification.email.UnsubscribeLinks.Invalid;
import dev.ordertracking.notification.email.UnsubscribeLinks.Purpose;
import dev.ordertracking.notification.email.UnsubscribeLinks.Valid;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed customer links: what they carry, what they open, how long, and that nothing else passes for one. */
class UnsubscribeLinksTest {

    private static final String KEY = "a-test-signing-key-of-32-bytes-or-more!";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration UNSUBSCRIBE_FOR = Duration.ofDays(400);
    private static final Duration PREFERENCES_FOR = Duration.ofDays(7);

    private final UnsubscribeLinks links = at(NOW, KEY, true);

    static UnsubscribeLinks at(Instant now, String key, boolean acceptUnversioned) {
        return new UnsubscribeLinks("https://tracking.shop.example/", Optional.ofNullable(key),
                validity(acceptUnversioned), Clock.fixed(now, ZoneOffset.UTC));
    }

    static LinkSettings.Links validity(boolean acceptUnversioned) {
        return new LinkSettings.Links() {
            @Override
            public Duration unsubscribeValidFor() {
                return UNSUBSCRIBE_FOR;
            }

            @Override
            public Duration preferencesValidFor() {
                return PREFERENCES_FOR;
            }

            @Override
            public boolean acceptUnversionedUnsubscribe() {
                return acceptUnversioned;
            }
        };
    }

    @Test
    void aLinkLeadsBackToItsCustomer() {
        String url = links.urlFor("C-1001");
        assertTrue(url.startsWith("https://tracking.shop.example/unsubscribe/"), url);
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{55}"), token);
        assertEquals(new Valid("C-1001"), links.unsubscribe(token));

        String path = links.preferencesPath("C-1001");
        assertTrue(path.startsWith("/preferences/"), path);
        assertEquals(new Valid("C-1001"), links.preferences(path.substring("/preferences/".length())));
    }

    @Test
    void anyCustomerIdRoundTrips() {
        for (String id : new String[] {"C-ÄÖÜ-ação-مشتری", "a", "with.dots/and slashes?", "x".repeat(200)}) {
            assertEquals(new Valid(id), links.unsubscribe(links.tokenFor(Purpose.UNSUBSCRIBE, id)), id);
            assertEquals(new Valid(id), links.preferences(links.tokenFor(Purpose.PREFERENCES, id)), id);
        }
    }

    @Test
    void aLinkOpensOnlyWhatItWasMadeFor() {
        String unsubscribe = links.tokenFor(Purpose.UNSUBSCRIBE, "C-1001");
        String preferences = links.tokenFor(Purpose.PREFERENCES, "C-1001");
        assertNotEquals(unsubscribe.split("\\.")[1], preferences.split("\\.")[1]);
        assertInstanceOf(Invalid.class, links.preferences(unsubscribe), "an unsubscribe link opens no preferences");
        assertInstanceOf(Invalid.class, links.unsubscribe(preferences), "a preferences link unsubscribes nobody");
    }

    @Test
    void linksEndAfterTheirConfiguredTime() {
        String unsubscribe = links.tokenFor(Purpose.UNSUBSCRIBE, "C-1001");
        String preferences = links.tokenFor(Purpose.PREFERENCES, "C-1001");

        UnsubscribeLinks sixDaysLater = at(NOW.plus(Duration.ofDays(6)), KEY, true);
        assertEquals(new Valid("C-1001"), sixDaysLater.preferences(preferences));
        UnsubscribeLinks aWeekLater = at(NOW.plus(PREFERENCES_FOR), KEY, true);
        assertEquals(new Expired(NOW.plus(PREFERENCES_FOR)), aWeekLater.preferences(preferences));
        assertEquals(new Valid("C-1001"), aWeekLater.unsubscribe(unsubscribe), "mails are read months later");

        UnsubscribeLinks aYearLater = at(NOW.plus(Duration.ofDays(399)), KEY, true);
        assertEquals(new Valid("C-1001"), aYearLater.unsubscribe(unsubscribe));
        UnsubscribeLinks later = at(NOW.plus(UNSUBSCRIBE_FOR).plusSeconds(1), KEY, true);
        assertInstanceOf(Expired.class, later.unsubscribe(unsubscribe));
        // Another key does not learn that a forged link would have expired.
        assertInstanceOf(Invalid.class, at(NOW.plus(UNSUBSCRIBE_FOR).plusSeconds(1),
                "another-signing-key-of-32-bytes-or-more", true).unsubscribe(unsubscribe));
    }

    @Test
    void anExpiryMovedByHandBreaksTheSignature() {
        String token = links.tokenFor(Purpose.PREFERENCES, "C-1001");
        String[] parts = token.split("\\.");
        byte[] proof = Base64.getUrlDecoder().decode(parts[1]);
        proof[5]++; // a later expiry
        Check check = at(NOW.plus(PREFERENCES_FOR), KEY, true)
                .preferences(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(proof));
        assertInstanceOf(Invalid.class, check);
    }

    @Test
    void unsubscribeLinksOfMailsSentBeforeLinksEndedStillUnsubscribeButOpenNothingElse() throws Exception {
        byte[] id = "C-1001".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("unsubscribe:".getBytes(StandardCharsets.UTF_8));
        String unversioned = b64(id) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(id));

        assertEquals(new Valid("C-1001"), links.unsubscribe(unversioned));
        assertInstanceOf(Invalid.class, links.preferences(unversioned));
        assertInstanceOf(Invalid.class, at(NOW, KEY, false).unsubscribe(unversioned));
        assertInstanceOf(Invalid.class, at(NOW, "another-signing-key-of-32-bytes-or-more", true).unsubscribe(unversioned));
    }

    @Test
    void theSameKeyMakesTheSameLinkOnEveryReplicaAndAnotherKeyDoesNot() {
        UnsubscribeLinks replica = at(NOW, KEY, true);
        assertEquals(links.urlFor("C-7"), replica.urlFor("C-7"));
        assertEquals(new Valid("C-7"), replica.unsubscribe(links.tokenFor(Purpose.UNSUBSCRIBE, "C-7")));

        UnsubscribeLinks other = at(NOW, "another-signing-key-of-32-bytes-or-more", true);
        assertInstanceOf(Invalid.class, other.unsubscribe(links.tokenFor(Purpose.UNSUBSCRIBE, "C-7")));
    }

    @Test
    void withoutAKeyLinksWorkOnlyInTheProcessThatMadeThem() {
        UnsubscribeLinks first = at(NOW, null, true);
        UnsubscribeLinks second = at(NOW, " ", true);
        assertEquals(new Valid("C-7"), first.unsubscribe(first.tokenFor(Purpose.UNSUBSCRIBE, "C-7")));
        assertInstanceOf(Invalid.class, second.unsubscribe(first.tokenFor(Purpose.UNSUBSCRIBE, "C-7")));
    }

    @Test
    void tamperedTokensAreRejected() {
        String token = links.tokenFor(Purpose.UNSUBSCRIBE, "C-1001");
        String[] parts = token.split("\\.");
        assertInstanceOf(Invalid.class, links.unsubscribe(b64("C-1002") + "." + parts[1]));

        String flipped = (parts[1].charAt(20) == 'A' ? "B" : "A");
        assertInstanceOf(Invalid.class, links.unsubscribe(parts[0] + "." + parts[1].substring(0, 20) + flipped
                + parts[1].substring(21)));
        assertInstanceOf(Invalid.class, links.unsubscribe(parts[0] + "." + parts[1].substring(0, 54)));
        assertInstanceOf(Invalid.class, links.unsubscribe(parts[0] + "." + parts[1] + "AA"));
        // The signature of another customer does not fit.
        assertInstanceOf(Invalid.class, links.unsubscribe(parts[0] + "."
                + links.tokenFor(Purpose.UNSUBSCRIBE, "C-1002").split("\\.")[1]));
        assertNotEquals(token, links.tokenFor(Purpose.UNSUBSCRIBE, "C-1002"));
    }

    @Test
    void malformedTokensAreRejectedWithoutFailing() {
        String token = links.tokenFor(Purpose.UNSUBSCRIBE, "C-1001");
        String[] parts = token.split("\\.");
        for (String bad : new String[] {null, "", ".", "abc", "abc.", "." + parts[1], token + ".x", parts[0] + parts[1],
                parts[0] + "=." + parts[1], parts[0] + ".+/" + parts[1].substring(2), "%%%.###",
                "A".repeat(600) + "." + parts[1], " " + token, b64("C-1") + "." + b64("x".repeat(41))}) {
            assertInstanceOf(Invalid.class, links.unsubscribe(bad), String.valueOf(bad));
            assertInstanceOf(Invalid.class, links.preferences(bad), String.valueOf(bad));
        }
    }

    @Test
    void noTokenForNoCustomer() {
        assertThrows(IllegalArgumentException.class, () -> links.urlFor(""));
        assertThrows(IllegalArgumentException.class, () -> links.urlFor(null));
        assertThrows(IllegalArgumentException.class, () -> links.preferencesPath(""));
    }

    private static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
