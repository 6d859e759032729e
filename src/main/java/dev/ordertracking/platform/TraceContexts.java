package dev.ordertracking.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * W3C trace context as text. Work caused by an event is often done later and elsewhere (a row in
 * the outbox, a message waiting for its send), so the cause's {@code traceparent} travels with the
 * row and the work continues that trace when it is done.
 *
 * <p>While a batch of events is applied, each order's work continues the span of the event that
 * changed it: {@link #withCauses} sets them for the thread, {@link #causeOf} reads them.
 */
public final class TraceContexts {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final ThreadLocal<Map<String, Context>> CAUSES = new ThreadLocal<>();

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContexts() {
    }

    /** The {@code traceparent} of a context's span, or null when it has no valid span (tracing off). */
    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        w3c().inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored {@code traceparent} names; the root context when there is none or it is bad. */
    public static Context parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return w3c().extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /** Runs work in which each order's follow-up work continues the trace given for it. */
    public static <T> T withCauses(Map<String, Context> byOrder, Callable<T> work) throws Exception {
        Map<String, Context> before = CAUSES.get();
        CAUSES.set(byOrder);
        try {
            return work.call();
        } finally {
            if (before == null) {
                CAUSES.remove();
            } else {
                CAUSES.set(before);
            }
        }
    }

    /** The trace an order's follow-up work continues: the event that caused it, else the current span. */
    public static Context causeOf(String orderId) {
        Map<String, Context> causes = CAUSES.get();
        Context cause = causes == null || orderId == null ? null : causes.get(orderId);
        return cause != null ? cause : Context.current();
    }

    /** {@link #causeOf} as a {@code traceparent}, to store with the work; null when not traced. */
    public static String causeTraceparent(String orderId) {
        return traceparent(causeOf(orderId));
    }

    private static W3CTraceContextPropagator w3c() {
        return W3CTraceContextPropagator.getInstance();
    }
}
