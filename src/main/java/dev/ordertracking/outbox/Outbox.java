package dev.ordertracking.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.platform.TraceContexts;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Appends messages to the outbox table inside the caller's transaction. */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxSignal signal;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json, Clock clock,
                  TransactionSynchronizationRegistry transactions, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
        this.signal = signal;
    }

    public void append(Collection<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "insert into outbox (topic, message_key, payload, headers, created_at) values (?, ?, ?, ?::jsonb, ?)")) {
            for (OutboxMessage m : messages) {
                s.setString(1, m.topic());
                s.setString(2, m.key());
                s.setBytes(3, m.payload());
                s.setString(4, headersJson(withTraceContext(m)));
                s.setTimestamp(5, now);
                s.addBatch();
            }
            s.executeBatch();
        }
        // Wake the relay once the rows are visible, not before.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.wake();
                }
            }
        });
    }

    /**
     * The trace the publication continues, kept with the row: the event that caused the message
     * (the message key is the order id), else whatever runs now (a support request, a deadline check).
     * A dead letter's copied headers name the shop's span; ours, its child, replaces it.
     */
    private static List<OutboxMessage.Header> withTraceContext(OutboxMessage m) {
        String traceparent = TraceContexts.causeTraceparent(m.key());
        if (traceparent == null) {
            return m.headers();
        }
        List<OutboxMessage.Header> headers = new ArrayList<>(m.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase(TraceContexts.TRACEPARENT)
                || h.name().equalsIgnoreCase(TraceContexts.TRACESTATE));
        headers.add(OutboxMessage.Header.text(TraceContexts.TRACEPARENT, traceparent));
        return headers;
    }

    private String headersJson(List<OutboxMessage.Header> headers) {
        try {
            // A Kafka header may have no value; it stays without one (JSON null).
            return json.writeValueAsString(headers.stream()
                    .map(h -> {
                        Map<String, String> header = new java.util.LinkedHashMap<>();
                        header.put("name", h.name());
                        header.put("value", h.value() == null ? null : Base64.getEncoder().encodeToString(h.value()));
                        return header;
                    })
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
