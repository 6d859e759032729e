package dev.ordertracking.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers and e-mail addresses in text meant for logs: an address keeps its first
 * character and its domain ({@code a***@example.com}), a number its last two digits
 * ({@code +*********78}). Enough to tell two customers apart in a log, not to reach either.
 */
public final class ContactMasking {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");
    /** International numbers as the service stores them (E.164), also with spaces, dots or dashes. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+\\d(?:[ .-]?\\d){6,14}(?!\\d)");

    private ContactMasking() {
    }

    public static String mask(String text) {
        if (text == null || (text.indexOf('@') < 0 && text.indexOf('+') < 0)) {
            return text;
        }
        String masked = replace(EMAIL.matcher(text), m -> m.group(1) + "***@" + m.group(2));
        return replace(PHONE.matcher(masked), m -> {
            String digits = m.group().replaceAll("\\D", "");
            return "+" + "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
        });
    }

    private static String replace(Matcher m, java.util.function.Function<Matcher, String> replacement) {
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
