package dev.ordertracking.support;

import dev.ordertracking.delay.Incident;
import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.IncidentViews.IncidentView;
import dev.ordertracking.support.OrderViews.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Arrays;
import java.util.List;

/** Incidents of every order, for support's work queue. An order's own incidents are under /api/orders. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class IncidentResource {

    private final IncidentViewStore incidents;

    public IncidentResource(IncidentViewStore incidents) {
        this.incidents = incidents;
    }

    @GET
    @Operation(operationId = "listIncidents", summary = "Incidents of every order, newest first, by status (OPEN, CLOSED) and reason")
    public Page<IncidentView> list(@QueryParam("status") String status, @QueryParam("reason") String reason,
                                   @QueryParam("page") String page, @QueryParam("size") String size) {
        String s = blank(status) ? null : oneOf("status", status, Arrays.stream(Incident.Status.values())
                .map(Enum::name).toList());
        String r = blank(reason) ? null : oneOf("reason", reason, Arrays.stream(IncidentReason.values())
                .map(Enum::name).toList());
        return incidents.page(s, r, OrderResource.integer("page", page, 0, 0, Integer.MAX_VALUE),
                OrderResource.integer("size", size, 20, 1, OrderResource.MAX_PAGE_SIZE));
    }

    private static String oneOf(String name, String value, List<String> allowed) {
        if (!allowed.contains(value.strip())) {
            throw ProblemException.badRequest(name + " '" + value + "' is not one of " + allowed);
        }
        return value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
