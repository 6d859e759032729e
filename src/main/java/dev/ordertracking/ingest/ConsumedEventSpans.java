package dev.ordertracking.ingest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One span per consumed record ({@code <topic> process}, kind CONSUMER), continuing the shop's
 * trace when the record carries one: a {@code traceparent} header, or {@code ce_traceparent} in
 * CloudEvents binary mode. What the event causes later (published events, customer messages)
 * continues the span of the last event of its order in the batch.
 */
@ApplicationScoped
public class ConsumedEventSpans {

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");

    private static final TextMapGetter<IncomingRecord> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(IncomingRecord record) {
            return record.headers().stream().map(IncomingRecord.Header::name).toList();
        }

        @Override
        public String get(IncomingRecord record, String name) {
            if (record == null) {
                return null;
            }
            String value = IncomingRecord.utf8(record.header(name));
            return value != null ? value : IncomingRecord.utf8(record.header("ce_" + name));
        }
    };

    private final Tracer tracer;

    public ConsumedEventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The spans of a batch, started; each order's follow-up work continues its last event's span. */
    public record Started(List<Span> spans, Map<String, Context> byOrder) {

        public void end(Throwable failure) {
            for (Span span : spans) {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, "batch not stored");
                }
                span.end();
            }
        }
    }

    public Started start(List<IncomingRecord> records) {
        List<Span> spans = new ArrayList<>(records.size());
        Map<String, Context> byOrder = new HashMap<>();
        for (IncomingRecord record : records) {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), record, HEADERS);
            Span span = tracer.spanBuilder(record.topic() + " process")
                    .setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute(SYSTEM, "kafka")
                    .setAttribute(OPERATION, "process")
                    .setAttribute(DESTINATION, record.topic())
                    .setAttribute(PARTITION, Integer.toString(record.partition()))
                    .setAttribute(OFFSET, record.offset())
                    .setAttribute(KEY, record.keyOrEmpty())
                    .startSpan();
            spans.add(span);
            if (record.key() != null) {
                byOrder.put(record.key(), parent.with(span));
            }
        }
        return new Started(spans, byOrder);
    }
}
