package dev.ordertracking.support;

import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.OrderViews.DeliveryStats;
import dev.ordertracking.support.OrderViews.FeedbackStats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

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

    private final StatsStore stats;

    public StatsResource(StatsStore stats) {
        this.stats = stats;
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
        return stats.delivery(start, end);
    }

    @GET
    @Path("/delays")
    @Operation(summary = "Incidents by reason, coupons and their face value, proactive notice rate, detection lag",
            description = "proactiveNoticeRate: of the orders delivered late, the share whose customer had a delay "
                    + "notice accepted by a provider before the promised date passed. Detection lag: from a sign "
                    + "becoming knowable (the event's time, the deadline) to its incident, over live incidents "
                    + "found by the service (not reported by support), in seconds.")
    public IncidentViews.DelayStats delays() {
        return stats.delays();
    }

    @GET
    @Path("/feedback")
    @Operation(summary = "Ratings customers gave: count, mean, and mean for orders on time vs late",
            description = "Ratings are 1-5, given once per delivered order on the tracking page; low ratings "
                    + "are 2 or less (each opens a follow-up).")
    public FeedbackStats feedback() {
        return stats.feedback();
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
