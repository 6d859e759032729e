package dev.ordertracking.notification;

import dev.ordertracking.journey.IncidentReason;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what messages tell of incidents and coupons. Read only: the {@code incident} and
 * {@code coupon} rows are written by {@code delay.IncidentStore}.
 */
@ApplicationScoped
public class IncidentNoteStore {

    private final AgroalDataSource dataSource;

    public IncidentNoteStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Each of these incidents with its issued coupon, if any. */
    public Map<UUID, IncidentNoteService.Note> incidents(Collection<UUID> incidentIds) throws SQLException {
        Map<UUID, IncidentNoteService.Note> notes = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return notes;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select i.id, coalesce(i.told_reason, i.latest_reason), i.new_date, k.code, k.kind, k.value,
                         k.currency, k.expires_at, i.revision
                     from incident i left join coupon k on k.incident_id = i.id and k.status = 'ISSUED'
                     where i.id = any(?)""")) {
            s.setArray(1, c.createArrayOf("uuid", incidentIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Date newDate = rs.getDate(3);
                    Timestamp expires = rs.getTimestamp(8);
                    notes.put(rs.getObject(1, UUID.class), new IncidentNoteService.Note(IncidentReason.valueOf(rs.getString(2)),
                            newDate == null ? null : newDate.toLocalDate(), rs.getString(4), rs.getString(5),
                            rs.getBigDecimal(6), rs.getString(7), expires == null ? null : expires.toInstant(),
                            rs.getInt(9)));
                }
            }
        }
        return notes;
    }

    /** The issued thank-you (loyalty) coupon of each of these orders that has one. */
    public Map<String, IncidentNoteService.Note> loyaltyCoupons(Collection<String> orderIds) throws SQLException {
        Map<String, IncidentNoteService.Note> notes = new HashMap<>();
        if (orderIds.isEmpty()) {
            return notes;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select order_id, code, kind, value, currency, expires_at from coupon
                     where reason = 'LOYALTY' and status = 'ISSUED' and order_id = any(?)""")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    notes.put(rs.getString(1), new IncidentNoteService.Note(null, null, rs.getString(2), rs.getString(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getTimestamp(6).toInstant(), 0));
                }
            }
        }
        return notes;
    }
}
