package dev.ordertracking.notification.email;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed unsubscribe links: what they carry, and that nothing else passes for one. */
class UnsubscribeLinksTest {

    private static final String KEY = "a-test-signing-key-of-32-bytes-or-more!";

    private final UnsubscribeLinks links = new UnsubscribeLinks("https://tracking.shop.example/", Optional.of(KEY));

    @Test
    void aLinkLeadsBackToItsCustomer() {
        String url = links.urlFor("C-1001");
        assertTrue(url.startsWith("https://tracking.shop.example/unsubscribe/"), url);
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}"), token);
        assertEquals(Optional.of("C-1001"), links.customerOf(token));
    }

    @Test
    void anyCustomerIdRoundTrips() {
        for (String id : new String[] {"C-ÄÖÜ-ação-مشتری", "a", "with.dots/and slashes?", "x".repeat(200)}) {
            assertEquals(Optional.of(id), links.customerOf(links.tokenFor(id)), id);
        }
    }

    @Test
    void theSameKeyMakesTheSameLinkOnEveryReplicaAndAnotherKeyDoesNot() {
        UnsubscribeLinks replica = new UnsubscribeLinks("https://tracking.shop.example", Optional.of(KEY));
        assertEquals(links.urlFor("C-7"), replica.urlFor("C-7"));
        assertEquals(Optional.of("C-7"), replica.customerOf(links.tokenFor("C-7")));

        UnsubscribeLinks other = new UnsubscribeLinks("https://tracking.shop.example",
                Optional.of("another-signing-key-of-32-bytes-or-more"));
        assertEquals(Optional.empty(), other.customerOf(links.tokenFor("C-7")));
    }

    @Test
    void withoutAKeyLinksWorkOnlyInTheProcessThatMadeThem() {
        UnsubscribeLinks first = new UnsubscribeLinks("https://t.example", Optional.empty());
        UnsubscribeLinks second = new UnsubscribeLinks("https://t.example", Optional.of(" "));
        assertEquals(Optional.of("C-7"), first.customerOf(first.tokenFor("C-7")));
        assertEquals(Optional.empty(), second.customerOf(first.tokenFor("C-7")));
    }

    @Test
    void tamperedTokensAreRejected() {
        String token = links.tokenFor("C-1001");
        String[] parts = token.split("\\.");
        String otherCustomer = b64("C-1002");
        assertEquals(Optional.empty(), links.customerOf(otherCustomer + "." + parts[1]));

        char last = parts[1].charAt(0);
        String flipped = (last == 'A' ? 'B' : 'A') + parts[1].substring(1);
        assertEquals(Optional.empty(), links.customerOf(parts[0] + "." + flipped));
        assertEquals(Optional.empty(), links.customerOf(parts[0] + "." + parts[1].substring(0, 42)));
        assertEquals(Optional.empty(), links.customerOf(parts[0] + "." + parts[1] + "AA"));
        // The signature of another customer does not fit.
        assertEquals(Optional.empty(), links.customerOf(parts[0] + "." + links.tokenFor("C-1002").split("\\.")[1]));
        assertNotEquals(token, links.tokenFor("C-1002"));
    }

    @Test
    void malformedTokensAreRejectedWithoutFailing() {
        String token = links.tokenFor("C-1001");
        String[] parts = token.split("\\.");
        for (String bad : new String[] {null, "", ".", "abc", "abc.", "." + parts[1], token + ".x", parts[0] + parts[1],
                parts[0] + "=." + parts[1], parts[0] + ".+/" + parts[1].substring(2), "%%%.###",
                "A".repeat(600) + "." + parts[1], " " + token}) {
            assertEquals(Optional.empty(), links.customerOf(bad), String.valueOf(bad));
        }
    }

    @Test
    void noTokenForNoCustomer() {
        assertThrows(IllegalArgumentException.class, () -> links.urlFor(""));
        assertThrows(IllegalArgumentException.class, () -> links.urlFor(null));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
