package dev.ordertracking.notification;

import dev.ordertracking.notification.SmsSegments.Encoding;
import org.junit.jupiter.api.Test;

import static dev.ordertracking.notification.SmsSegments.encoding;
import static dev.ordertracking.notification.SmsSegments.segments;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmsSegmentsTest {

    private static final String EMOJI = "\uD83D\uDCE6"; // 📦, a surrogate pair

    @Test
    void basicSetHas127CharactersAndEachIsOneSeptet() {
        String basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        assertEquals(127, basic.chars().distinct().count());
        assertEquals(Encoding.GSM_7, encoding(basic));
        assertEquals(127, SmsSegments.length(basic));
    }

    @Test
    void extensionCharactersAreGsmAndTakeTwoSeptets() {
        String ext = "^{}\\[~]|€\f";
        assertEquals(Encoding.GSM_7, encoding(ext));
        assertEquals(20, SmsSegments.length(ext));
    }

    @Test
    void charactersOutsideTheAlphabetMakeItUcs2() {
        assertEquals(Encoding.UCS_2, encoding("Olá"));        // á
        assertEquals(Encoding.UCS_2, encoding("ação"));       // ç and ã
        assertEquals(Encoding.UCS_2, encoding("naïve"));      // ï
        assertEquals(Encoding.UCS_2, encoding("`"));          // grave accent is not GSM-7
        assertEquals(Encoding.UCS_2, encoding("\u001B"));     // the escape alone is no character
        assertEquals(Encoding.UCS_2, encoding("ok " + EMOJI));
        assertEquals(Encoding.GSM_7, encoding("Até logo, José! Ça va? 5€ {ok}"));
        assertEquals(Encoding.GSM_7, encoding(""));
    }

    @Test
    void gsmSingleSegmentEndsAt160Septets() {
        assertEquals(1, segments(""));
        assertEquals(1, segments("a".repeat(160)));
        assertEquals(2, segments("a".repeat(161)));
        assertEquals(2, segments("a".repeat(306)));
        assertEquals(3, segments("a".repeat(307)));
        assertEquals(3, segments("a".repeat(459)));
        assertEquals(4, segments("a".repeat(460)));
    }

    @Test
    void extensionCharactersCountTwiceAgainstTheLimits() {
        assertEquals(1, segments("a".repeat(158) + "€"));     // 160 septets
        assertEquals(2, segments("a".repeat(159) + "€"));     // 161 septets
        assertEquals(1, segments("{".repeat(80)));
        assertEquals(2, segments("{".repeat(81)));
        // a part holds 76 pairs (152 septets): 306 septets of pairs need a third part
        assertEquals(2, segments("[".repeat(152)));           // 304 septets
        assertEquals(3, segments("[".repeat(153)));           // 306 septets
        assertEquals(2, segments("[".repeat(152) + "a"));     // 152 | 152 + 1
        assertEquals(3, segments("[".repeat(152) + "ab"));    // 152 | 153 | 1
    }

    @Test
    void anEscapePairIsNeverSplitAcrossSegments() {
        // 152 septets, then a pair that does not fit the first part's last septet: it moves whole.
        String text = "a".repeat(152) + "€" + "a".repeat(152);  // 306 septets, yet 154 + 152 after the move
        assertEquals(306, SmsSegments.length(text));
        assertEquals(3, segments(text));
        assertEquals(2, segments("a".repeat(151) + "€" + "a".repeat(153)));  // 153 + 153 exactly
    }

    @Test
    void ucs2SingleSegmentEndsAt70CodeUnits() {
        assertEquals(1, segments("á".repeat(70)));
        assertEquals(2, segments("á".repeat(71)));
        assertEquals(2, segments("á".repeat(134)));
        assertEquals(3, segments("á".repeat(135)));
        // a single non-GSM character turns an otherwise GSM text into UCS-2
        assertEquals(1, segments("a".repeat(69) + "ã"));
        assertEquals(2, segments("a".repeat(70) + "ã"));
        // extension characters are one code unit in UCS-2
        assertEquals(1, segments("€".repeat(69) + "ã"));
    }

    @Test
    void surrogatePairsAreTwoCodeUnitsAndNeverSplit() {
        assertEquals(1, segments("a".repeat(68) + EMOJI));    // 70 code units
        assertEquals(2, segments("a".repeat(69) + EMOJI));    // 71
        assertEquals(1, segments(EMOJI.repeat(35)));
        assertEquals(2, segments(EMOJI.repeat(36)));
        // 66 units, then a pair that would straddle the boundary moves to the next part
        assertEquals(3, segments("a".repeat(66) + EMOJI + "a".repeat(66)));   // 134 units, 66 + 68
        assertEquals(2, segments("a".repeat(65) + EMOJI + "a".repeat(67)));   // 67 + 67
    }

    @Test
    void persianTextIsUcs2() {
        String fa = "سارا عزیز، سفارش شما ارسال شد.";
        assertEquals(Encoding.UCS_2, encoding(fa));
        assertEquals(1, segments(fa));
        String digits = "۰۱۲۳۴۵۶۷۸۹";
        assertEquals(Encoding.UCS_2, encoding(digits));
        assertEquals(1, segments(digits.repeat(7)));          // 70
        assertEquals(2, segments(digits.repeat(7) + "۰"));    // 71
        assertEquals(2, segments("ب".repeat(134)));
        assertEquals(3, segments("ب".repeat(135)));
        // zero-width non-joiner (as in می‌رسد) is a code unit like any other
        String word = "می\u200Cرسد";                          // 6 code units
        assertEquals(1, segments(word.repeat(11)));           // 66
        assertEquals(2, segments(word.repeat(12)));           // 72
    }
}
