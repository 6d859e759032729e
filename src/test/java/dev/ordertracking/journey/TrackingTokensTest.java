package dev.ordertracking.journey;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackingTokensTest {

    @Test
    void tokensCarry128BitsAreUrlSafeAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String token = TrackingTokens.mint();
            assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
            assertEquals(16, Base64.getUrlDecoder().decode(token).length);
            assertTrue(seen.add(token), "repeated token " + token);
        }
    }
}
