package dev.ordertracking.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many events each order already holds, for the per-order cap. Read only ({@code journey_event}
 * is written by {@code journey.JourneyStore}), in the batch's transaction: under the orders' locks
 * the counts hold until the batch's own events are stored.
 */
@ApplicationScoped
public class StoredEventCountStore {

    private final AgroalDataSource dataSource;

    public StoredEventCountStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stored events per order; orders without any are absent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Integer> byOrder(Collection<String> orderIds) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        if (orderIds.isEmpty()) {
            return counts;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select order_id, count(*) from journey_event "
                     + "where order_id = any(?::text[]) group by order_id")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Which of these event ids are stored already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> stored(Collection<String> eventIds) throws SQLException {
        Set<String> known = new HashSet<>();
        if (eventIds.isEmpty()) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select event_id from journey_event where event_id = any(?::text[])")) {
            s.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        return known;
    }
}
