package dev.ordertracking.compensation;

import java.security.SecureRandom;

/**
 * Coupon codes: {@code PREFIX-XXXX-XXXX-XXXX}, twelve characters drawn with {@link SecureRandom}
 * from 31 that cannot be mistaken for one another (no 0/O, 1/I/L), so about 59 bits that no one
 * can guess, and easy to read out over the phone.
 */
public final class CouponCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 12;

    private final SecureRandom random = new SecureRandom();
    private final String prefix;

    public CouponCodes(String prefix) {
        this.prefix = prefix;
    }

    /** Bits of randomness in a code: log2(31^12). */
    public static double entropyBits() {
        return LENGTH * Math.log(ALPHABET.length()) / Math.log(2);
    }

    public String next() {
        StringBuilder code = new StringBuilder(prefix.length() + LENGTH + 3).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            if (i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
