package dev.ordertracking.support;

import dev.ordertracking.support.IncidentViews.CouponTotals;
import dev.ordertracking.support.IncidentViews.DelayStats;
import dev.ordertracking.support.IncidentViews.Lag;
import dev.ordertracking.support.IncidentViews.ReasonCount;
import dev.ordertracking.support.OrderViews.DeliveryStats;
import dev.ordertracking.support.OrderViews.FeedbackStats;
import dev.ordertracking.support.OrderViews.Percentiles;
import dev.ordertracking.support.OrderViews.RatingGroup;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Reads the figures of {@code /api/stats}: deliveries, delays and coupons, ratings. Never writes. */
@ApplicationScoped
public class StatsStore {

    private final AgroalDataSource dataSource;

    public StatsStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Deliveries from {@code start} (null: the beginning) to {@code end} (excluded; null: no end). */
    public DeliveryStats delivery(Instant start, Instant end) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select count(*),
                            count(*) filter (where on_time),
                            count(*) filter (where not on_time),
                            count(*) filter (where delivery_timing = 'EARLY'),
                            percentile_cont(0.5) within group (order by order_to_delivery_hours),
                            percentile_cont(0.9) within group (order by order_to_delivery_hours),
                            percentile_cont(0.99) within group (order by order_to_delivery_hours)
                     from order_journey
                     where status = 'DELIVERED'
                       and delivered_at >= cast(? as timestamptz) and delivered_at < cast(? as timestamptz)""")) {
            s.setTimestamp(1, Timestamp.from(start == null ? Instant.parse("0001-01-01T00:00:00Z") : start));
            s.setTimestamp(2, Timestamp.from(end == null ? Instant.parse("9999-12-31T00:00:00Z") : end));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long delivered = rs.getLong(1);
                long onTime = rs.getLong(2);
                return new DeliveryStats(start, end, delivered, onTime, rs.getLong(3), rs.getLong(4),
                        delivered == 0 ? null : (double) onTime / delivered,
                        new Percentiles(number(rs, 5), number(rs, 6), number(rs, 7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading delivery figures failed", e);
        }
    }

    public DelayStats delays() {
        try (Connection c = dataSource.getConnection()) {
            Map<String, ReasonCount> byReason = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select reason, count(*), count(*) filter (where status = 'OPEN') from incident group by reason""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byReason.put(rs.getString(1), new ReasonCount(rs.getLong(2), rs.getLong(3)));
                }
            }
            Map<String, BigDecimal> amounts = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select currency, sum(value) from coupon where status = 'ISSUED' and kind = 'AMOUNT' and reason <> 'LOYALTY'
                    group by currency""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    amounts.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros());
                }
            }
            Map<String, BigDecimal> percentValue = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select o.currency, sum(k.value * o.total / 100) from coupon k join order_journey o on o.order_id = k.order_id
                    where k.status = 'ISSUED' and k.kind = 'PERCENT' and k.reason <> 'LOYALTY'
                      and o.total is not null and o.currency is not null
                    group by o.currency""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    percentValue.put(rs.getString(1), rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP));
                }
            }
            CouponTotals coupons;
            try (PreparedStatement s = c.prepareStatement("""
                    select count(*) filter (where status = 'ISSUED'), count(*) filter (where status = 'DRY_RUN'),
                           count(*) filter (where status = 'ISSUED' and kind = 'PERCENT'),
                           avg(value) filter (where status = 'ISSUED' and kind = 'PERCENT')
                    from coupon where reason <> 'LOYALTY'""");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                coupons = new CouponTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), number(rs, 4), amounts,
                        percentValue);
            }
            try (PreparedStatement d = c.prepareStatement("""
                    select count(*) filter (where o.delivery_timing = 'LATE'),
                           count(*) filter (where o.delivery_timing = 'LATE' and exists (
                               select 1 from notification n
                               where n.order_id = o.order_id and n.milestone = 'DELAY_NOTICE'
                                 and n.accepted_at is not null and n.accepted_at < o.promise_deadline)),
                           count(*) filter (where o.delivery_timing = 'EARLY')
                    from order_journey o where o.status = 'DELIVERED'""");
                 PreparedStatement lag = c.prepareStatement("""
                    select percentile_cont(0.5) within group (order by extract(epoch from i.opened_at - i.signal_at)),
                           percentile_cont(0.99) within group (order by extract(epoch from i.opened_at - i.signal_at)),
                           count(*)
                    from incident i
                    where i.live and (select s.kind from incident_signal s where s.incident_id = i.id order by s.id limit 1)
                          <> 'SUPPORT_REPORT'""");
                 ResultSet deliveries = d.executeQuery();
                 ResultSet lags = lag.executeQuery()) {
                deliveries.next();
                lags.next();
                long late = deliveries.getLong(1);
                long told = deliveries.getLong(2);
                return new DelayStats(byReason, coupons, late, told, late == 0 ? null : (double) told / late,
                        deliveries.getLong(3), new Lag(number(lags, 1), number(lags, 2), lags.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading delay figures failed", e);
        }
    }

    public FeedbackStats feedback() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select count(*), avg(rating),
                            count(*) filter (where on_time), avg(rating) filter (where on_time),
                            count(*) filter (where not on_time), avg(rating) filter (where not on_time),
                            count(*) filter (where rating <= 2),
                            (select count(*) from follow_up where status = 'OPEN')
                     from feedback""");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return new FeedbackStats(rs.getLong(1), number(rs, 2), new RatingGroup(rs.getLong(3), number(rs, 4)),
                    new RatingGroup(rs.getLong(5), number(rs, 6)), rs.getLong(7), rs.getLong(8));
        } catch (SQLException e) {
            throw new IllegalStateException("reading rating figures failed", e);
        }
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
