package dev.ordertracking.platform;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials and contacts out of exported traces. HTTP spans record the request's path and
 * query, and ours carry the customers' tracking, preferences and unsubscribe tokens in the path
 * (anyone holding one opens that page) and e-mail addresses and phone numbers in search queries.
 * Each span's URL attributes are rewritten as it starts, before any exporter sees it: token path
 * segments become their route's placeholder, every query value becomes {@value #REDACTED} (the
 * parameter names stay, they tell what was asked), and contacts left anywhere else are masked as in
 * the logs. {@code http.route} and the span name (method and route) are kept as they are.
 */
@ApplicationScoped
public class SpanRedaction implements SpanProcessor {

    static final String REDACTED = "REDACTED";

    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    /** Older semantic conventions, in case an instrumentation still sets them. */
    private static final List<AttributeKey<String>> OLD_URLS = List.of(AttributeKey.stringKey("http.target"),
            AttributeKey.stringKey("http.url"));

    /** Paths whose last segment is a credential: {@code /t/{token}}, {@code /preferences/{token}}, {@code /unsubscribe/{token}}. */
    private static final Pattern TOKEN_PATH = Pattern.compile("(^|/)(t|preferences|unsubscribe)/[^/?#]+");
    private static final Pattern QUERY_VALUE = Pattern.compile("=([^&#]*)");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String path = span.getAttribute(URL_PATH);
        if (path != null) {
            span.setAttribute(URL_PATH, path(path));
        }
        String query = span.getAttribute(URL_QUERY);
        if (query != null) {
            span.setAttribute(URL_QUERY, query(query));
        }
        String full = span.getAttribute(URL_FULL);
        if (full != null) {
            span.setAttribute(URL_FULL, target(full));
        }
        for (AttributeKey<String> key : OLD_URLS) {
            String value = span.getAttribute(key);
            if (value != null) {
                span.setAttribute(key, target(value));
            }
        }
    }

    /** A path with its token segments replaced and contacts masked. */
    static String path(String path) {
        Matcher m = TOKEN_PATH.matcher(path);
        String replaced = m.replaceAll("$1$2/{token}");
        return ContactMasking.mask(decodedPlus(replaced));
    }

    /** A query keeping its parameter names, every value replaced. */
    static String query(String query) {
        return ContactMasking.mask(QUERY_VALUE.matcher(query).replaceAll("=" + REDACTED));
    }

    /** A path or whole URL with an optional query. */
    static String target(String target) {
        int fragment = target.indexOf('#');
        String withoutFragment = fragment < 0 ? target : target.substring(0, fragment);
        int q = withoutFragment.indexOf('?');
        return q < 0 ? path(withoutFragment)
                : path(withoutFragment.substring(0, q)) + "?" + query(withoutFragment.substring(q + 1));
    }

    /** A {@code %2B} before a number is its {@code +}: masked like a written one. */
    private static String decodedPlus(String path) {
        return path.replaceAll("(?i)%2B(?=\\d)", "+");
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
