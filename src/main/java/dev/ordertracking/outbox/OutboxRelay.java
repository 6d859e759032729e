package dev.ordertracking.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.platform.TraceContexts;
import dev.ordertracking.platform.TrackingConfig;
import io.agroal.api.AgroalDataSource;
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
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6f75_7462_6f78L; // "outbox"

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final OutboxSignal signal;
    private final TrackingConfig config;
    private final Clock clock;
    private final Map<String, Object> kafkaConfig;
    private final Tracer tracer;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(AgroalDataSource dataSource, ObjectMapper json, OutboxSignal signal, TrackingConfig config,
                       Clock clock, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       Tracer tracer) {
        this.tracer = tracer;
        this.dataSource = dataSource;
        this.json = json;
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
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            signal.wake();
            worker.join(Duration.ofSeconds(10).toMillis());
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                int sent = QuarkusTransaction.requiringNew().call(this::relayOnce);
                lastSuccess.set(clock.instant());
                lastError.set(null);
                backoff = Duration.ofMillis(200);
                if (sent < config.outbox().batchSize()) {
                    signal.await(config.outbox().idlePoll());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                lastError.set(e.toString());
                LOG.warnf("Outbox relay failed, retrying in %s ms: %s", backoff.toMillis(), e);
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            }
        }
    }

    /** Sends one batch; returns how many rows it sent (0 when another replica holds the relay). */
    int relayOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, RELAY_LOCK);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            List<Span> spans = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "select id, topic, message_key, payload, headers::text from outbox order by id limit ?")) {
                select.setInt(1, config.outbox().batchSize());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                                rs.getBytes(4));
                        String traceparent = null;
                        for (Map<String, String> h : json.readValue(rs.getString(5),
                                new TypeReference<List<Map<String, String>>>() {
                                })) {
                            byte[] value = h.get("value") == null ? null : Base64.getDecoder().decode(h.get("value"));
                            if (h.get("name").equals(TraceContexts.TRACEPARENT) && value != null) {
                                traceparent = new String(value, StandardCharsets.UTF_8);
                            } else {
                                record.headers().add(h.get("name"), value);
                            }
                        }
                        spans.add(publishSpan(record, traceparent));
                        acks.add(producer.send(record));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
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
            try (PreparedStatement delete = c.prepareStatement("delete from outbox where id = any(?)")) {
                delete.setArray(1, c.createArrayOf("int8", ids.toArray()));
                delete.executeUpdate();
            }
            return ids.size();
        }
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
