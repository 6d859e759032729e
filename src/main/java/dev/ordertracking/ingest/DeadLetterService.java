package dev.ordertracking.ingest;

import dev.ordertracking.outbox.Outbox;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps bad records with their reason and sends the original record to {@code <topic>.dlq}
 * through the outbox. Keyed by the source coordinates, so a redelivered bad record is
 * dead-lettered once. What PostgreSQL cannot store (U+0000 in text and jsonb) is replaced by
 * U+FFFD in the key, the header names and the reason; a key so changed also travels unchanged,
 * as bytes, in the {@code dlq-original-key} header. The value and header values are kept as bytes.
 */
@ApplicationScoped
public class DeadLetterService {

    public static final String REASON = "dlq-reason";
    public static final String SOURCE_TOPIC = "dlq-source-topic";
    public static final String SOURCE_PARTITION = "dlq-source-partition";
    public static final String SOURCE_OFFSET = "dlq-source-offset";
    public static final String DEAD_LETTERED_AT = "dlq-dead-lettered-at";
    public static final String ORIGINAL_KEY = "dlq-original-key";
    /** Set on a dead letter that had to leave out the record's key and headers to be written at all. */
    public static final String STRIPPED = "dlq-stripped";
    /** Set, with the value's size, on a dead letter published without its value (see {@link #MAX_PUBLISHED_BYTES}). */
    public static final String VALUE_OMITTED = "dlq-value-omitted";
    /**
     * The largest dead letter published with its value. A record near the broker's message limit
     * (1 MB by default) would not fit once the dlq-* headers are added, and the outbox relay would
     * retry it for good; its value stays in the dead_letter table instead.
     */
    static final int MAX_PUBLISHED_BYTES = 900_000;
    /** Reasons quote the input; longer ones are cut. */
    static final int MAX_REASON_LENGTH = 2_000;

    private final DeadLetterStore store;
    private final Outbox outbox;
    private final TrackingSettings config;

    public DeadLetterService(DeadLetterStore store, Outbox outbox, TrackingSettings config) {
        this.store = store;
        this.outbox = outbox;
        this.config = config;
    }

    /** Records them in the caller's transaction; returns how many were new. */
    public int record(List<ParsedRecord.Rejected> rejected, Instant now) throws SQLException {
        return record(rejected, now, false);
    }

    /**
     * The last resort for a record whose dead letter could not be written: its coordinates, reason
     * and value only, the key and original headers left out.
     */
    public int recordStripped(ParsedRecord.Rejected rejected, Instant now) throws SQLException {
        return record(List.of(rejected), now, true);
    }

    private int record(List<ParsedRecord.Rejected> rejected, Instant now, boolean stripped) throws SQLException {
        if (rejected.isEmpty()) {
            return 0;
        }
        List<DeadLetterStore.Row> rows = new ArrayList<>();
        for (ParsedRecord.Rejected r : rejected) {
            IncomingRecord in = r.record();
            rows.add(new DeadLetterStore.Row(in.topic(), in.partition(), in.offset(), reason(r.reason()),
                    stripped ? null : storable(in.key()), in.value()));
        }
        boolean[] inserted = store.insertNew(rows, now);
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                messages.add(toDlq(rejected.get(i), now, stripped));
            }
        }
        outbox.append(messages);
        return messages.size();
    }

    private OutboxMessage toDlq(ParsedRecord.Rejected r, Instant now, boolean stripped) {
        IncomingRecord in = r.record();
        List<OutboxMessage.Header> headers = new ArrayList<>();
        String key = stripped ? null : storable(in.key());
        if (stripped) {
            headers.add(OutboxMessage.Header.text(STRIPPED, "key and headers left out"));
        } else {
            in.headers().forEach(h -> headers.add(new OutboxMessage.Header(storable(h.name()), h.value())));
            if (key != null && !key.equals(in.key())) {
                headers.add(new OutboxMessage.Header(ORIGINAL_KEY, in.key().getBytes(StandardCharsets.UTF_8)));
            }
        }
        headers.add(OutboxMessage.Header.text(REASON, reason(r.reason())));
        headers.add(OutboxMessage.Header.text(SOURCE_TOPIC, in.topic()));
        headers.add(OutboxMessage.Header.text(SOURCE_PARTITION, Integer.toString(in.partition())));
        headers.add(OutboxMessage.Header.text(SOURCE_OFFSET, Long.toString(in.offset())));
        headers.add(OutboxMessage.Header.text(DEAD_LETTERED_AT, now.toString()));
        byte[] value = in.value();
        long size = (value == null ? 0 : value.length) + (key == null ? 0 : key.length());
        for (OutboxMessage.Header h : headers) {
            size += h.name().length() + (h.value() == null ? 0 : h.value().length);
        }
        if (size > MAX_PUBLISHED_BYTES) {
            headers.add(OutboxMessage.Header.text(VALUE_OMITTED, value.length + " bytes, kept in the dead_letter table"));
            value = null;
        }
        return new OutboxMessage(in.topic() + config.topics().dlqSuffix(), key, value, headers);
    }

    /** Text PostgreSQL can store: U+0000 becomes U+FFFD. */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    static String reason(String reason) {
        String text = storable(reason == null || reason.isBlank() ? "no reason given" : reason);
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }
}
