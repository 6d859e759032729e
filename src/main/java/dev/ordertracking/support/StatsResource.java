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
