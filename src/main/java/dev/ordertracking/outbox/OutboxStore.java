package dev.ordertracking.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox table's owner: rows to publish, their headers kept as JSON (values in base64, a
 * header without a value as JSON null), and the advisory lock that lets one replica relay at a time.
 */
@ApplicationScoped
public class OutboxStore {

    private static final long RELAY_LOCK = 0x6f75_7462_6f78L; // "outbox"

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public OutboxStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A row waiting to be published. */
    public record StoredMessage(long id, OutboxMessage message) {
    }

    /** How many rows wait, and when the oldest was written (null when none waits). */
    public record Backlog(long rows, Instant oldestCreatedAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(Collection<OutboxMessage> messages, Instant createdAt) throws SQLException {
        Timestamp at = Timestamp.from(createdAt);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "insert into outbox (topic, message_key, payload, headers, created_at) values (?, ?, ?, ?::jsonb, ?)")) {
            for (OutboxMessage m : messages) {
                s.setString(1, m.topic());
                s.setString(2, m.key());
                s.setBytes(3, m.payload());
                s.setString(4, headersJson(m.headers()));
                s.setTimestamp(5, at);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Takes the relay's lock until the caller's transaction ends; false when another replica holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryRelayLock() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The oldest rows, in the order they were written. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredMessage> oldest(int limit) throws SQLException {
        List<StoredMessage> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select id, topic, message_key, payload, headers::text from outbox order by id limit ?")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredMessage(rs.getLong(1), new OutboxMessage(rs.getString(2), rs.getString(3),
                            rs.getBytes(4), headers(rs.getString(5)))));
                }
            }
        }
        return rows;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(List<Long> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from outbox where id = any(?)")) {
            delete.setArray(1, c.createArrayOf("int8", ids.toArray()));
            delete.executeUpdate();
        }
    }

    public Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), min(created_at) from outbox")) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        }
    }

    private String headersJson(List<OutboxMessage.Header> headers) {
        try {
            return json.writeValueAsString(headers.stream()
                    .map(h -> {
                        Map<String, String> header = new LinkedHashMap<>();
                        header.put("name", h.name());
                        header.put("value", h.value() == null ? null : Base64.getEncoder().encodeToString(h.value()));
                        return header;
                    })
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<OutboxMessage.Header> headers(String stored) {
        try {
            List<OutboxMessage.Header> headers = new ArrayList<>();
            for (Map<String, String> h : json.readValue(stored, new TypeReference<List<Map<String, String>>>() {
            })) {
                String value = h.get("value");
                headers.add(new OutboxMessage.Header(h.get("name"), value == null ? null : Base64.getDecoder().decode(value)));
            }
            return headers;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox headers cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
