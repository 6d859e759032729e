package dev.ordertracking.compensation;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CouponCodesTest {

    private static final Pattern FORMAT = Pattern.compile("SORRY-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");

    @Test
    void codesAreReadableAndHaveNoLookAlikes() {
        CouponCodes codes = new CouponCodes("SORRY");
        for (int i = 0; i < 1_000; i++) {
            String code = codes.next();
            assertTrue(FORMAT.matcher(code).matches(), code);
            assertTrue(code.substring(6).chars().noneMatch(c -> "01OIL".indexOf(c) >= 0), code);
        }
    }

    @Test
    void codesCarryAtLeastFiftyBitsOfRandomness() {
        assertEquals(31, CouponCodes.ALPHABET.length());
        assertEquals(31, CouponCodes.ALPHABET.chars().distinct().count());
        assertTrue(CouponCodes.entropyBits() >= 50, "bits: " + CouponCodes.entropyBits());
    }

    @Test
    void twoHundredThousandCodesAreAllDifferent() {
        CouponCodes codes = new CouponCodes("SORRY");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(seen.add(codes.next()), "a code came twice after " + i);
        }
    }

    @Test
    void everyCharacterOfTheAlphabetIsUsedEvenly() {
        CouponCodes codes = new CouponCodes("X");
        int[] counts = new int[128];
        int draws = 0;
        for (int i = 0; i < 50_000; i++) {
            for (char c : codes.next().substring(2).replace("-", "").toCharArray()) {
                counts[c]++;
                draws++;
            }
        }
        double expected = (double) draws / CouponCodes.ALPHABET.length();
        for (char c : CouponCodes.ALPHABET.toCharArray()) {
            assertTrue(Math.abs(counts[c] - expected) < expected * 0.05, c + ": " + counts[c] + " vs " + expected);
        }
    }
}
