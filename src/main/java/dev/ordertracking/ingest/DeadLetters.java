package dev.ordertracking.ingest;

import dev.ordertracking.outbox.Outbox;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps bad records with their reason and sends the original record to {@code <topic>.dlq}
 * through the outbox. Keyed by the source coordinates, so a redelivered bad record is
 * dead-lettered once.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dlq-reason";
    public static final String SOURCE_TOPIC = "dlq-source-topic";
    public static final String SOURCE_PARTITION = "dlq-source-partition";
    public static final String SOURCE_OFFSET = "dlq-source-offset";
    public static final String DEAD_LETTERED_AT = "dlq-dead-lettered-at";

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final TrackingConfig config;

    public DeadLetters(AgroalDataSource dataSource, Outbox outbox, TrackingConfig config) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.config = config;
    }

    /** Records them in the caller's transaction; returns how many were new. */
    public int record(List<ParsedRecord.Rejected> rejected, Instant now) throws SQLException {
        if (rejected.isEmpty()) {
            return 0;
        }
        List<OutboxMessage> messages = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into dead_letter (source_topic, source_partition, source_offset, reason, record_key,
                                              record_value, received_at)
                     values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (ParsedRecord.Rejected r : rejected) {
                IncomingRecord in = r.record();
                s.setString(1, in.topic());
                s.setInt(2, in.partition());
                s.setLong(3, in.offset());
                s.setString(4, r.reason());
                s.setString(5, in.key());
                s.setBytes(6, in.value());
                s.setTimestamp(7, Timestamp.from(now));
                if (s.executeUpdate() == 1) {
                    messages.add(toDlq(r, now));
                }
            }
        }
        outbox.append(messages);
        return messages.size();
    }

    private OutboxMessage toDlq(ParsedRecord.Rejected r, Instant now) {
        IncomingRecord in = r.record();
        List<OutboxMessage.Header> headers = new ArrayList<>();
        in.headers().forEach(h -> headers.add(new OutboxMessage.Header(h.name(), h.value())));
        headers.add(OutboxMessage.Header.text(REASON, r.reason()));
        headers.add(OutboxMessage.Header.text(SOURCE_TOPIC, in.topic()));
        headers.add(OutboxMessage.Header.text(SOURCE_PARTITION, Integer.toString(in.partition())));
        headers.add(OutboxMessage.Header.text(SOURCE_OFFSET, Long.toString(in.offset())));
        headers.add(OutboxMessage.Header.text(DEAD_LETTERED_AT, now.toString()));
        return new OutboxMessage(in.topic() + config.topics().dlqSuffix(), in.key(), in.value(), headers);
    }
}
