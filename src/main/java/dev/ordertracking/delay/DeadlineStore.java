package dev.ordertracking.delay;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code order_deadline} table; joins the caller's transaction. */
@ApplicationScoped
public class DeadlineStore {

    /** A deadline of an order. */
    public record Due(String orderId, DeadlineKind kind, Instant dueAt) {
    }

    private final AgroalDataSource dataSource;

    public DeadlineStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sets ({@code dueAt} non-null) or removes deadlines, in two set-based statements. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Due> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<Due> set = changes.stream().filter(d -> d.dueAt() != null).toList();
        List<Due> removed = changes.stream().filter(d -> d.dueAt() == null).toList();
        try (Connection c = dataSource.getConnection()) {
            if (!set.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into order_deadline (order_id, kind, due_at)
                        select * from unnest(?::text[], ?::text[], ?::timestamptz[])
                        on conflict (order_id, kind) do update set due_at = excluded.due_at""")) {
                    s.setArray(1, c.createArrayOf("text", set.stream().map(Due::orderId).toArray()));
                    s.setArray(2, c.createArrayOf("text", set.stream().map(d -> d.kind().name()).toArray()));
                    s.setArray(3, c.createArrayOf("timestamptz", set.stream().map(d -> Timestamp.from(d.dueAt())).toArray()));
                    s.executeUpdate();
                }
            }
            if (!removed.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        delete from order_deadline d using unnest(?::text[], ?::text[]) as r(order_id, kind)
                        where d.order_id = r.order_id and d.kind = r.kind""")) {
                    s.setArray(1, c.createArrayOf("text", removed.stream().map(Due::orderId).toArray()));
                    s.setArray(2, c.createArrayOf("text", removed.stream().map(d -> d.kind().name()).toArray()));
                    s.executeUpdate();
                }
            }
        }
    }

    /**
     * Takes up to {@code limit} deadlines due by {@code now}, earliest first, for this transaction:
     * rows another watcher holds are skipped, and so are orders whose lock someone else (an
     * ingesting consumer, another watcher) holds; those are simply due again next round. The rows
     * taken are deleted; if the transaction fails they come back. An index range scan over the due
     * rows: the cost does not grow with the number of open orders.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Due> takeDue(Instant now, int limit) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(TAKE_DUE)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), DeadlineKind.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return due;
    }

    /** Claims the earliest due rows and, of those, deletes the ones whose order lock could be taken. */
    public static final String TAKE_DUE = """
            with due as (
                select order_id, kind from order_deadline
                where due_at <= ? order by due_at limit ? for update skip locked
            ), mine as (
                select order_id, kind from due where pg_try_advisory_xact_lock(hashtextextended(order_id, 0))
            )
            delete from order_deadline d using mine
            where d.order_id = mine.order_id and d.kind = mine.kind
            returning d.order_id, d.kind, d.due_at""";

    /** The earliest deadline, for sleeping until it comes due. */
    public Instant next() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select min(due_at) from order_deadline");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }
}
