package dev.ordertracking.platform;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Values placed into URLs we write. In templates: {@code {url:segment(order.orderId)}}. HTML
 * escaping alone is not enough: an id holding {@code /}, {@code ?}, {@code #} or {@code %} would
 * otherwise change which resource a link or a form's action reaches.
 */
@TemplateExtension(namespace = "url")
public final class UrlPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {
    }

    /**
     * One path segment: every byte of the UTF-8 form except RFC 3986's unreserved characters
     * (letters, digits, {@code - . _ ~}) percent-encoded, so it never splits into more segments.
     */
    public static String segment(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** A query parameter's value, encoded as a form field is. */
    public static String query(Object value) {
        return value == null ? "" : URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }
}
