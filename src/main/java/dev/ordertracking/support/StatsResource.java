package dev.ordertracking.support;

import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.OrderViews.DeliveryStats;
import dev.ordertracking.support.OrderViews.Percentiles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class StatsResource {

    private final EntityManager em;

    public StatsResource(EntityManager em) {
        this.em = em;
    }

    @GET
    @Path("/delivery")
    @Operation(summary = "Deliveries in a period: on time, late, early, and order-to-delivery hours percentiles",
            description = "from and to are dates (UTC days, both included) or RFC 3339 instants (to excluded); "
                    + "on time includes early. Percentiles interpolate like PostgreSQL's percentile_cont.")
    public DeliveryStats delivery(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = bound("from", from, false);
        Instant end = bound("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.badRequest("from must be before to");
        }
        Object[] row = (Object[]) em.createNativeQuery("""
                        select count(*),
                               count(*) filter (where on_time),
                               count(*) filter (where not on_time),
                               count(*) filter (where delivery_timing = 'EARLY'),
                               percentile_cont(0.5) within group (order by order_to_delivery_hours),
                               percentile_cont(0.9) within group (order by order_to_delivery_hours),
                               percentile_cont(0.99) within group (order by order_to_delivery_hours)
                        from order_journey
                        where status = 'DELIVERED'
                          and delivered_at >= cast(?1 as timestamptz) and delivered_at < cast(?2 as timestamptz)""")
                .setParameter(1, Timestamp.from(start == null ? Instant.parse("0001-01-01T00:00:00Z") : start))
                .setParameter(2, Timestamp.from(end == null ? Instant.parse("9999-12-31T00:00:00Z") : end))
                .getSingleResult();
        long delivered = ((Number) row[0]).longValue();
        long onTime = ((Number) row[1]).longValue();
        return new DeliveryStats(start, end, delivered, onTime, ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue(), delivered == 0 ? null : (double) onTime / delivered,
                new Percentiles(number(row[4]), number(row[5]), number(row[6])));
    }

    @GET
    @Path("/delays")
    @Operation(summary = "Incidents by reason, coupons and their face value, proactive notice rate, detection lag",
            description = "proactiveNoticeRate: of the orders delivered late, the share whose customer had a delay "
                    + "notice accepted by a provider before the promised date passed. Detection lag: from a sign "
                    + "becoming knowable (the event's time, the deadline) to its incident, over live incidents "
                    + "found by the service (not reported by support), in seconds.")
    public IncidentViews.DelayStats delays() {
        java.util.Map<String, IncidentViews.ReasonCount> byReason = new java.util.TreeMap<>();
        for (Object r : em.createNativeQuery("""
                select reason, count(*), count(*) filter (where status = 'OPEN') from incident group by reason""")
                .getResultList()) {
            Object[] row = (Object[]) r;
            byReason.put((String) row[0], new IncidentViews.ReasonCount(((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue()));
        }
        Object[] c = (Object[]) em.createNativeQuery("""
                select count(*) filter (where status = 'ISSUED'), count(*) filter (where status = 'DRY_RUN'),
                       count(*) filter (where status = 'ISSUED' and kind = 'PERCENT'),
                       avg(value) filter (where status = 'ISSUED' and kind = 'PERCENT')
                from coupon where reason <> 'LOYALTY'""").getSingleResult();
        java.util.Map<String, java.math.BigDecimal> amounts = new java.util.TreeMap<>();
        for (Object r : em.createNativeQuery("""
                select currency, sum(value) from coupon where status = 'ISSUED' and kind = 'AMOUNT' and reason <> 'LOYALTY'
                group by currency""")
                .getResultList()) {
            Object[] row = (Object[]) r;
            amounts.put((String) row[0], ((java.math.BigDecimal) row[1]).stripTrailingZeros());
        }
        java.util.Map<String, java.math.BigDecimal> percentValue = new java.util.TreeMap<>();
        for (Object r : em.createNativeQuery("""
                select o.currency, sum(k.value * o.total / 100) from coupon k join order_journey o on o.order_id = k.order_id
                where k.status = 'ISSUED' and k.kind = 'PERCENT' and k.reason <> 'LOYALTY'
                  and o.total is not null and o.currency is not null
                group by o.currency""").getResultList()) {
            Object[] row = (Object[]) r;
            percentValue.put((String) row[0], ((java.math.BigDecimal) row[1]).setScale(2, java.math.RoundingMode.HALF_UP));
        }
        Object[] d = (Object[]) em.createNativeQuery("""
                select count(*) filter (where o.delivery_timing = 'LATE'),
                       count(*) filter (where o.delivery_timing = 'LATE' and exists (
                           select 1 from notification n
                           where n.order_id = o.order_id and n.milestone = 'DELAY_NOTICE'
                             and n.accepted_at is not null and n.accepted_at < o.promise_deadline)),
                       count(*) filter (where o.delivery_timing = 'EARLY')
                from order_journey o where o.status = 'DELIVERED'""").getSingleResult();
        Object[] lag = (Object[]) em.createNativeQuery("""
                select percentile_cont(0.5) within group (order by extract(epoch from i.opened_at - i.signal_at)),
                       percentile_cont(0.99) within group (order by extract(epoch from i.opened_at - i.signal_at)),
                       count(*)
                from incident i
                where i.live and (select s.kind from incident_signal s where s.incident_id = i.id order by s.id limit 1)
                      <> 'SUPPORT_REPORT'""").getSingleResult();
        long late = ((Number) d[0]).longValue();
        long told = ((Number) d[1]).longValue();
        return new IncidentViews.DelayStats(byReason,
                new IncidentViews.CouponTotals(((Number) c[0]).longValue(), ((Number) c[1]).longValue(),
                        ((Number) c[2]).longValue(), number(c[3]), amounts, percentValue),
                late, told, late == 0 ? null : (double) told / late, ((Number) d[2]).longValue(),
                new IncidentViews.Lag(number(lag[0]), number(lag[1]), ((Number) lag[2]).longValue()));
    }

    /** Ratings of a group of orders. */
    public record RatingGroup(long count, Double meanRating) {
    }

    /** What customers thought, and the gap between orders on time and late. */
    public record FeedbackStats(long count, Double meanRating, RatingGroup onTime, RatingGroup late, long lowRatings,
                                long openFollowUps) {
    }

    @GET
    @Path("/feedback")
    @Operation(summary = "Ratings customers gave: count, mean, and mean for orders on time vs late",
            description = "Ratings are 1-5, given once per delivered order on the tracking page; low ratings "
                    + "are 2 or less (each opens a follow-up).")
    public FeedbackStats feedback() {
        Object[] r = (Object[]) em.createNativeQuery("""
                select count(*), avg(rating),
                       count(*) filter (where on_time), avg(rating) filter (where on_time),
                       count(*) filter (where not on_time), avg(rating) filter (where not on_time),
                       count(*) filter (where rating <= 2),
                       (select count(*) from follow_up where status = 'OPEN')
                from feedback""").getSingleResult();
        return new FeedbackStats(((Number) r[0]).longValue(), number(r[1]),
                new RatingGroup(((Number) r[2]).longValue(), number(r[3])),
                new RatingGroup(((Number) r[4]).longValue(), number(r[5])),
                ((Number) r[6]).longValue(), ((Number) r[7]).longValue());
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Instant bound(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.trim());
            return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(name + " '" + value + "' is neither a date (yyyy-MM-dd) nor an RFC 3339 instant");
            }
        }
    }
}
