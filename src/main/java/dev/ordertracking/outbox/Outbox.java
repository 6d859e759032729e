package dev.ordertracking.outbox;

import dev.ordertracking.platform.AfterCommit;
import dev.ordertracking.platform.TraceContexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Appends messages to publish inside the caller's transaction; the relay sends them once it commits. */
@ApplicationScoped
public class Outbox {

    private final OutboxStore store;
    private final Clock clock;
    private final AfterCommit afterCommit;
    private final OutboxSignal signal;

    public Outbox(OutboxStore store, Clock clock, AfterCommit afterCommit, OutboxSignal signal) {
        this.store = store;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.signal = signal;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Collection<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        store.insert(messages.stream().map(Outbox::withTraceContext).toList(), clock.instant());
        // Wake the relay once the rows are visible, not before.
        afterCommit.run(signal::wake);
    }

    /**
     * The trace the publication continues, kept with the row: the event that caused the message
     * (the message key is the order id), else whatever runs now (a support request, a deadline check).
     * A dead letter's copied headers name the shop's span; ours, its child, replaces it.
     */
    private static OutboxMessage withTraceContext(OutboxMessage m) {
        String traceparent = TraceContexts.causeTraceparent(m.key());
        if (traceparent == null) {
            return m;
        }
        List<OutboxMessage.Header> headers = new ArrayList<>(m.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase(TraceContexts.TRACEPARENT)
                || h.name().equalsIgnoreCase(TraceContexts.TRACESTATE));
        headers.add(OutboxMessage.Header.text(TraceContexts.TRACEPARENT, traceparent));
        return new OutboxMessage(m.topic(), m.key(), m.payload(), headers);
    }
}
