package dev.ordertracking.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The {@code dead_letter} table, keyed by the records' source coordinates. Joins the caller's
 * transaction, so a dead letter is kept together with the batch's other writes, or not at all.
 */
@ApplicationScoped
public class DeadLetterStore {

    /** A row to keep: the record's coordinates and value, and the text PostgreSQL can store of the rest. */
    public record Row(String topic, int partition, long offset, String reason, String key, byte[] value) {
    }

    private final AgroalDataSource dataSource;

    public DeadLetterStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the rows and tells for each whether it was new: a redelivered record is kept once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean[] insertNew(List<Row> rows, Instant receivedAt) throws SQLException {
        boolean[] inserted = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return inserted;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into dead_letter (source_topic, source_partition, source_offset, reason, record_key,
                                              record_value, received_at)
                     values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                s.setString(1, row.topic());
                s.setInt(2, row.partition());
                s.setLong(3, row.offset());
                s.setString(4, row.reason());
                s.setString(5, row.key());
                s.setBytes(6, row.value());
                s.setTimestamp(7, Timestamp.from(receivedAt));
                inserted[i] = s.executeUpdate() == 1;
            }
        }
        return inserted;
    }
}
