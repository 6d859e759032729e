package dev.ordertracking.outbox;

import dev.ordertracking.platform.TraceContexts;
import dev.ordertracking.platform.TrackingSettings;
import dev.ordertracking.platform.WorkerLoop;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves outbox rows to Kafka in id order. One replica relays at a time (a transaction-scoped
 * advisory lock), so per-key order is kept; a row is deleted only after the broker acknowledged
 * it. A crash between the two re-sends the row: delivery is at least once, and every published
 * event carries a stable CloudEvents id for consumers to deduplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxStore store;
    private final OutboxSignal signal;
    private final TrackingSettings config;
    private final Clock clock;
    private final Map<String, Object> kafkaConfig;
    private final Tracer tracer;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private WorkerLoop worker;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(OutboxStore store, OutboxSignal signal, TrackingSettings config,
                       Clock clock, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       Tracer tracer) {
        this.tracer = tracer;
        this.store = store;
        this.signal = signal;
        this.config = config;
        this.clock = clock;
        this.kafkaConfig = kafkaConfig;
    }

    void start(@Observes StartupEvent event) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "order-tracking-outbox-relay");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        worker = new WorkerLoop("outbox-relay", "The outbox relay", signal, Duration.ofSeconds(10), this::relayRound)
                .onFailure(e -> lastError.set(e.toString()));
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (worker != null) {
            worker.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** One round: relays a batch; rests until the next poll unless the batch was full (more wait). */
    private Duration relayRound() throws Exception {
        int sent = QuarkusTransaction.requiringNew().call(this::relayOnce);
        lastSuccess.set(clock.instant());
        lastError.set(null);
        return sent < config.outbox().batchSize() ? config.outbox().idlePoll() : Duration.ZERO;
    }

    /** Sends one batch; returns how many rows it sent (0 when another replica holds the relay). */
    int relayOnce() throws Exception {
        if (!store.tryRelayLock()) {
            return 0;
        }
        List<OutboxStore.StoredMessage> rows = store.oldest(config.outbox().batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (OutboxStore.StoredMessage row : rows) {
            OutboxMessage m = row.message();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(m.topic(), m.key(), m.payload());
            String traceparent = null;
            for (OutboxMessage.Header h : m.headers()) {
                if (h.name().equals(TraceContexts.TRACEPARENT) && h.value() != null) {
                    traceparent = new String(h.value(), StandardCharsets.UTF_8);
                } else {
                    record.headers().add(h.name(), h.value());
                }
            }
            spans.add(publishSpan(record, traceparent));
            acks.add(producer.send(record));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            spans.forEach(span -> span.recordException(e).setStatus(StatusCode.ERROR).end());
            throw e;
        }
        spans.forEach(Span::end);
        store.delete(rows.stream().map(OutboxStore.StoredMessage::id).toList());
        return rows.size();
    }

    /**
     * The publication's span ({@code <topic> publish}, kind PRODUCER) continues the trace stored with
     * the row; the record carries the publication's own context to whoever consumes it.
     */
    private Span publishSpan(ProducerRecord<String, byte[]> record, String traceparent) {
        Span span = tracer.spanBuilder(record.topic() + " publish")
                .setParent(TraceContexts.parse(traceparent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.kafka.message.key", record.key() == null ? "" : record.key())
                .startSpan();
        String own = TraceContexts.traceparent(Context.root().with(span));
        if (own != null) {
            record.headers().add(TraceContexts.TRACEPARENT, own.getBytes(StandardCharsets.UTF_8));
        } else if (traceparent != null) {
            record.headers().add(TraceContexts.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return span;
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    public String lastError() {
        return lastError.get();
    }
}
