package dev.ordertracking.notification;

import dev.ordertracking.journey.IncidentReason;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What a message about an incident says, read when it is rendered: the reason, the new date, the coupon. */
@ApplicationScoped
public class IncidentNotes {

    /** An incident as a message tells it; the coupon fields are null when it has no issued coupon. */
    /** @param revision the incident's latest notice: a message of an earlier one is superseded */
    public record Note(IncidentReason reason, LocalDate newDate, String couponCode, String couponKind,
                       BigDecimal couponValue, String couponCurrency, Instant couponExpiresAt, int revision) {
    }

    private final AgroalDataSource dataSource;

    public IncidentNotes(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<UUID, Note> load(Collection<UUID> incidentIds) throws SQLException {
        Map<UUID, Note> notes = new HashMap<>();
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
                    notes.put(rs.getObject(1, UUID.class), new Note(IncidentReason.valueOf(rs.getString(2)),
                            newDate == null ? null : newDate.toLocalDate(), rs.getString(4), rs.getString(5),
                            rs.getBigDecimal(6), rs.getString(7), expires == null ? null : expires.toInstant(),
                            rs.getInt(9)));
                }
            }
        }
        return notes;
    }

    /** The thank-you (loyalty) coupon of each of these orders that has one, told in its rating request. */
    public Map<String, Note> thankYous(Collection<String> orderIds) throws SQLException {
        Map<String, Note> notes = new HashMap<>();
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
                    notes.put(rs.getString(1), new Note(null, null, rs.getString(2), rs.getString(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getTimestamp(6).toInstant(), 0));
                }
            }
        }
        return notes;
    }
}
