package dev.ordertracking.journey;

import java.security.SecureRandom;
import java.util.Base64;

/** Keys of customers' tracking pages: 128 bits from {@link SecureRandom}, URL-safe, 22 characters. */
public final class TrackingTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private TrackingTokens() {
    }

    public static String mint() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
