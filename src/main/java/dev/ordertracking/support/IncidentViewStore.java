package dev.ordertracking.support;

import dev.ordertracking.support.IncidentViews.CouponView;
import dev.ordertracking.support.IncidentViews.IncidentView;
import dev.ordertracking.support.IncidentViews.SignalView;
import dev.ordertracking.support.OrderViews.Page;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.ordertracking.platform.SqlValues.instant;

/**
 * Reads incidents, their signals and coupons for support (delay/IncidentStore and
 * compensation/CouponStore write them).
 */
@ApplicationScoped
public class IncidentViewStore {

    private static final String COLUMNS = """
            id, order_id, customer_id, cause, reason, latest_reason, status, note, live, promised_date, new_date,
            told_date, delay_days, revision, signal_at, opened_at, closed_at, close_reason, compensation""";

    private final AgroalDataSource dataSource;

    public IncidentViewStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<IncidentView> find(String orderId, UUID id) {
        return query("select " + COLUMNS + " from incident where order_id = ? and id = ?", orderId, id).stream()
                .findFirst();
    }

    /** Incidents newest first, optionally of one status and reason. */
    public Page<IncidentView> page(String status, String reason, int page, int size) {
        String where = " where (cast(? as text) is null or status = ?) and (cast(? as text) is null or reason = ?)";
        List<IncidentView> items = query("select " + COLUMNS + " from incident" + where
                + " order by opened_at desc, id limit ? offset ?", status, status, reason, reason, size,
                (long) page * size);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from incident" + where)) {
            s.setString(1, status);
            s.setString(2, status);
            s.setString(3, reason);
            s.setString(4, reason);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Page<>(items, page, size, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading incidents failed", e);
        }
    }

    /** An order's coupons: one parameter, the order id. */
    static final String COUPONS_OF_ORDER = """
            select id, incident_id, code, status, kind, value, currency, reason, rule, expires_at, issued_at
            from coupon where order_id = ? order by issued_at, id""";

    /** An order's incidents: one parameter, the order id. */
    static final String OF_ORDER = "select " + COLUMNS + " from incident where order_id = ? order by opened_at, id";

    /** The signals of an order's incidents: one parameter, the order id. */
    static final String SIGNALS_OF_ORDER = """
            select s.incident_id, s.kind, s.reason, s.detail, s.event_id, s.new_date, s.signal_at, s.detected_at
            from incident_signal s join incident i on i.id = s.incident_id where i.order_id = ? order by s.id""";

    static List<CouponView> coupons(ResultSet rs) throws SQLException {
        List<CouponView> coupons = new ArrayList<>();
        while (rs.next()) {
            coupons.add(new CouponView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7),
                    rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11)));
        }
        return coupons;
    }

    static List<Object[]> rows(ResultSet rs) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[19];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getObject(i + 1);
            }
            rows.add(row);
        }
        return rows;
    }

    static Map<UUID, List<SignalView>> signals(ResultSet rs) throws SQLException {
        Map<UUID, List<SignalView>> signals = new HashMap<>();
        while (rs.next()) {
            signals.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new SignalView(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), date(rs.getDate(6)), instant(rs, 7), instant(rs, 8)));
        }
        return signals;
    }

    static List<IncidentView> views(List<Object[]> rows, Map<UUID, List<SignalView>> signals) {
        return rows.stream().map(r -> new IncidentView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (Boolean) r[8], date((Date) r[9]),
                date((Date) r[10]), date((Date) r[11]), (Integer) r[12], (Integer) r[13], ts(r[14]), ts(r[15]),
                ts(r[16]), (String) r[17], (String) r[18], signals.getOrDefault((UUID) r[0], List.of()))).toList();
    }

    private List<IncidentView> query(String sql, Object... params) {
        List<Object[]> rows;
        Map<UUID, List<SignalView>> signals = Map.of();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rows = rows(rs);
                }
            }
            if (!rows.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        select incident_id, kind, reason, detail, event_id, new_date, signal_at, detected_at
                        from incident_signal where incident_id = any(?) order by id""")) {
                    s.setArray(1, c.createArrayOf("uuid", rows.stream().map(r -> r[0]).toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        signals = signals(rs);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading incidents failed", e);
        }
        return views(rows, signals);
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Instant ts(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}
