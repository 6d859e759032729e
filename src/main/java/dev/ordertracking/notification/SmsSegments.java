package dev.ordertracking.notification;

/**
 * Counts the segments an SMS body takes (3GPP TS 23.038 / 23.040), exactly as a carrier bills them.
 *
 * <p>A text made only of characters of the GSM 7-bit default alphabet is sent as GSM-7: a character of
 * the basic set takes one septet, one of the extension table ({@code ^ { } \ [ ~ ] | €} and form feed)
 * two (escape + character). It fits one SMS up to 160 septets; longer, each part carries 153 septets
 * (the rest is the concatenation header) and an escape pair is never split across parts.
 *
 * <p>Any other character makes the whole text UCS-2: 70 UTF-16 code units in one SMS, otherwise 67 per
 * part; a character outside the BMP (most emoji) is a surrogate pair of two code units, never split.
 *
 * <p>An empty text still is one (empty) SMS.
 */
public final class SmsSegments {

    public enum Encoding { GSM_7, UCS_2 }

    public static final int GSM_SINGLE = 160;
    public static final int GSM_PART = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_PART = 67;

    /**
     * GSM 03.38 basic character set, in table order, without 0x1B (the escape itself). 0x09 is the
     * capital {@code Ç} as the standard names it; a lower-case {@code ç} is not GSM-7.
     */
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** Extension table: each is sent as escape + character. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    public static Encoding encoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (septets(text.charAt(i)) == 0) {
                return Encoding.UCS_2;
            }
        }
        return Encoding.GSM_7;
    }

    public static int segments(String text) {
        return encoding(text) == Encoding.GSM_7 ? gsmSegments(text) : ucs2Segments(text);
    }

    /** Length in the units of the text's encoding: septets for GSM-7, UTF-16 code units for UCS-2. */
    public static int length(String text) {
        if (encoding(text) == Encoding.UCS_2) {
            return text.length();
        }
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += septets(text.charAt(i));
        }
        return septets;
    }

    /** 1 for the basic set, 2 for the extension table, 0 when the character is not GSM-7. */
    static int septets(char c) {
        if (BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }

    private static int gsmSegments(String text) {
        int total = length(text);
        if (total <= GSM_SINGLE) {
            return 1;
        }
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = septets(text.charAt(i));
            if (used + cost > GSM_PART) {
                parts++;
                used = 0;
            }
            used += cost;
        }
        return parts;
    }

    private static int ucs2Segments(String text) {
        if (text.length() <= UCS2_SINGLE) {
            return 1;
        }
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cost = Character.charCount(text.codePointAt(i));
            if (used + cost > UCS2_PART) {
                parts++;
                used = 0;
            }
            used += cost;
            i += cost;
        }
        return parts;
    }
}
