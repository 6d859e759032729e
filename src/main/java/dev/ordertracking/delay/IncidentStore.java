package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.compensation.CouponStore;
import dev.ordertracking.platform.SqlValues;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Incidents and their signals in PostgreSQL, with the coupons they call for (written by
 * compensation's {@link CouponStore}); joins the caller's transaction. Callers hold the order's lock,
 * so the one-open-incident-per-cause index is a second line of defence only.
 */
@ApplicationScoped
public class IncidentStore {

    /** A coupon as written: the code is null in a dry run. */
    public record IssuedCoupon(UUID id, DeskOutcome.CouponGrant grant, String code) {
    }

    private final AgroalDataSource dataSource;
    private final CouponStore coupons;

    public IncidentStore(AgroalDataSource dataSource, CouponStore coupons) {
        this.dataSource = dataSource;
        this.coupons = coupons;
    }

    /** Every incident of these orders, open and closed. */
    public Map<String, List<Incident>> incidentsOf(Collection<String> orderIds) throws SQLException {
        Map<String, List<Incident>> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select i.id, i.order_id, i.customer_id, i.cause, i.reason, i.latest_reason, i.status, i.note,
                         i.live, i.promised_date, i.new_date, i.told_date, i.told_reason, i.delay_days, i.revision,
                         i.signal_at, i.opened_at, i.closed_at, i.close_reason, i.compensation,
                         exists (select 1 from coupon k where k.incident_id = i.id)
                     from incident i where i.order_id = any(?::text[])""")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Incident i = new Incident(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            IncidentCause.valueOf(rs.getString(4)), IncidentReason.valueOf(rs.getString(5)),
                            IncidentReason.valueOf(rs.getString(6)), Incident.Status.valueOf(rs.getString(7)),
                            rs.getString(8), rs.getBoolean(9), SqlValues.date(rs, 10), SqlValues.date(rs, 11), SqlValues.date(rs, 12),
                            rs.getString(13) == null ? null : IncidentReason.valueOf(rs.getString(13)), rs.getInt(14),
                            rs.getInt(15), SqlValues.instant(rs, 16), SqlValues.instant(rs, 17), SqlValues.instant(rs, 18), rs.getString(19),
                            rs.getString(20), rs.getBoolean(21));
                    byOrder.computeIfAbsent(i.orderId(), k -> new ArrayList<>()).add(i);
                }
            }
        }
        return byOrder;
    }

    /** Apology coupons issued (not dry runs, not thank-you coupons) per order. */
    public Map<String, Integer> couponsOfOrders(Collection<String> orderIds) throws SQLException {
        return counts("select order_id, count(*) from coupon where status = 'ISSUED' and reason <> 'LOYALTY' "
                + "and order_id = any(?::text[]) "
                + "group by order_id", orderIds, null);
    }

    /** Apology coupons issued (not dry runs, not thank-you coupons) per customer since an instant. */
    public Map<String, Integer> couponsOfCustomersSince(Collection<String> customerIds, Instant since)
            throws SQLException {
        return counts("select customer_id, count(*) from coupon where status = 'ISSUED' and reason <> 'LOYALTY' "
                + "and customer_id = any(?::text[]) "
                + "and issued_at >= ? group by customer_id", customerIds, since);
    }

    private Map<String, Integer> counts(String sql, Collection<String> keys, Instant since) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        if (keys.isEmpty()) {
            return counts;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            if (since != null) {
                s.setTimestamp(2, Timestamp.from(since));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Writes what the desk decided: incidents, their signals and the coupons, with fresh unique codes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IssuedCoupon> save(DeskOutcome outcome, Instant now) throws SQLException {
        if (outcome.isEmpty()) {
            return List.of();
        }
        List<IssuedCoupon> issued = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(INSERT_INCIDENT);
                 PreparedStatement update = c.prepareStatement(UPDATE_INCIDENT)) {
                int inserts = 0;
                int updates = 0;
                for (Incident i : outcome.incidents()) {
                    if (i.isNew) {
                        bindInsert(insert, i, now);
                        insert.addBatch();
                        inserts++;
                    } else if (i.changed) {
                        bindUpdate(update, i, now);
                        update.addBatch();
                        updates++;
                    }
                }
                if (inserts > 0) {
                    insert.executeBatch();
                }
                if (updates > 0) {
                    update.executeBatch();
                }
            }
            if (!outcome.signals().isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into incident_signal (incident_id, kind, reason, detail, event_id, new_date, signal_at,
                            detected_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    for (DeskOutcome.SignalNote n : outcome.signals()) {
                        s.setObject(1, n.incident().id());
                        s.setString(2, n.signal().kind().name());
                        s.setString(3, n.signal().reason().name());
                        s.setString(4, n.signal().detail());
                        s.setString(5, n.signal().eventId());
                        s.setDate(6, n.newDate() == null ? null : Date.valueOf(n.newDate()));
                        s.setTimestamp(7, Timestamp.from(n.signal().signalAt()));
                        s.setTimestamp(8, Timestamp.from(n.detectedAt()));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
        }
        issued.addAll(issueCoupons(outcome.coupons()));
        outcome.incidents().forEach(i -> {
            i.isNew = false;
            i.changed = false;
        });
        return issued;
    }

    private List<IssuedCoupon> issueCoupons(List<DeskOutcome.CouponGrant> grants) throws SQLException {
        if (grants.isEmpty()) {
            return List.of();
        }
        Map<CouponStore.NewCoupon, DeskOutcome.CouponGrant> byCoupon = new IdentityHashMap<>();
        List<CouponStore.NewCoupon> wanted = new ArrayList<>();
        for (DeskOutcome.CouponGrant g : grants) {
            Incident i = g.incident();
            CouponStore.NewCoupon coupon = new CouponStore.NewCoupon(i.id(), i.orderId(), i.customerId(), g.dryRun(),
                    g.offer().kind(), g.offer().value(), g.offer().currency(), i.cause().name(), g.rule(),
                    g.expiresAt(), g.issuedAt());
            byCoupon.put(coupon, g);
            wanted.add(coupon);
        }
        return coupons.issueForIncidents(wanted).stream()
                .map(w -> new IssuedCoupon(w.id(), byCoupon.get(w.coupon()), w.code())).toList();
    }

    private static void bindInsert(PreparedStatement s, Incident i, Instant now) throws SQLException {
        int k = 1;
        s.setObject(k++, i.id());
        s.setString(k++, i.orderId());
        s.setString(k++, i.customerId());
        s.setString(k++, i.cause().name());
        s.setString(k++, i.reason().name());
        s.setBoolean(k++, i.live());
        s.setDate(k++, date(i.promisedDate()));
        s.setTimestamp(k++, Timestamp.from(i.signalAt()));
        s.setTimestamp(k++, Timestamp.from(i.openedAt()));
        bindState(s, k, i, now);
    }

    private static void bindUpdate(PreparedStatement s, Incident i, Instant now) throws SQLException {
        int k = bindState(s, 1, i, now);
        s.setObject(k, i.id());
    }

    private static int bindState(PreparedStatement s, int k, Incident i, Instant now) throws SQLException {
        s.setString(k++, i.latestReason().name());
        s.setString(k++, i.status().name());
        s.setString(k++, i.note());
        s.setDate(k++, date(i.newDate()));
        s.setDate(k++, date(i.toldDate()));
        s.setString(k++, i.toldReason() == null ? null : i.toldReason().name());
        s.setInt(k++, i.delayDays());
        s.setInt(k++, i.revision());
        s.setTimestamp(k++, i.closedAt() == null ? null : Timestamp.from(i.closedAt()));
        s.setString(k++, i.closeReason());
        s.setString(k++, i.compensation());
        s.setTimestamp(k++, Timestamp.from(now));
        return k;
    }

    private static final String INSERT_INCIDENT = """
            insert into incident (id, order_id, customer_id, cause, reason, live, promised_date, signal_at, opened_at,
                latest_reason, status, note, new_date, told_date, told_reason, delay_days, revision, closed_at,
                close_reason, compensation, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE_INCIDENT = """
            update incident set latest_reason = ?, status = ?, note = ?, new_date = ?, told_date = ?, told_reason = ?,
                delay_days = ?, revision = ?, closed_at = ?, close_reason = ?, compensation = ?, updated_at = ?
            where id = ?""";

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
