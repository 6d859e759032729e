package dev.ordertracking.support;

import dev.ordertracking.delay.DelayHandling;
import dev.ordertracking.delay.Incident;
import dev.ordertracking.delay.IncidentCause;
import dev.ordertracking.delay.IncidentDesk;
import dev.ordertracking.delay.IncidentReason;
import dev.ordertracking.notification.NotificationSignal;
import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.IncidentViews.IncidentView;
import dev.ordertracking.support.OrderViews.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Incidents for support: record one, close one, ask for an apology, and list them. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class IncidentResource {

    /** What support can report; the carrier's causes (delays, lost parcels) come from events and deadlines. */
    static final Set<IncidentCause> REPORTABLE = Set.of(IncidentCause.WRONG_ITEM, IncidentCause.DAMAGED,
            IncidentCause.MISSING_ITEM, IncidentCause.OTHER);

    public record NewIncident(@NotBlank String type, @NotBlank @Size(max = 2000) String note) {
    }

    public record Closing(@Size(max = 2000) String note) {
    }

    /** Which incident to apologise for; without one, the oldest open incident the customer has not heard of. */
    public record ApologyRequest(UUID incidentId) {
    }

    private final DelayHandling handling;
    private final OrderIncidents incidents;
    private final NotificationSignal dispatcher;
    private final Clock clock;

    public IncidentResource(DelayHandling handling, OrderIncidents incidents, NotificationSignal dispatcher,
                            Clock clock) {
        this.handling = handling;
        this.incidents = incidents;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @POST
    @Path("/orders/{orderId}/incidents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an incident reported to support: WRONG_ITEM, DAMAGED, MISSING_ITEM or OTHER",
            description = "201 with the new incident; 200 with the open incident of the same type when there is "
                    + "one (the note is added to it). The customer is not messaged: ask for the apology.")
    public Response report(@PathParam("orderId") String orderId, @NotNull @Valid NewIncident body,
                           @Context UriInfo uri) {
        IncidentCause cause = reportable(body.type());
        Incident incident = run(() -> handling.report(orderId, cause, body.note().strip(), clock.instant()), orderId);
        IncidentView view = incidents.find(orderId, incident.id()).orElseThrow();
        boolean created = view.signals().size() == 1;
        return (created ? Response.status(Response.Status.CREATED) : Response.ok())
                .entity(view)
                .location(uri.getBaseUriBuilder().path("api/orders/{orderId}/incidents/{id}").build(orderId, view.id()))
                .build();
    }

    @GET
    @Path("/orders/{orderId}/incidents/{incidentId}")
    @Operation(summary = "One incident of an order, with every sign that fed it")
    public IncidentView get(@PathParam("orderId") String orderId, @PathParam("incidentId") String incidentId) {
        return incidents.find(orderId, id(incidentId)).orElseThrow(() -> noSuchIncident(orderId, incidentId));
    }

    @POST
    @Path("/orders/{orderId}/incidents/{incidentId}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close an incident (support has dealt with it)")
    public IncidentView close(@PathParam("orderId") String orderId, @PathParam("incidentId") String incidentId,
                              @Valid Closing body) {
        UUID id = id(incidentId);
        run(() -> handling.close(orderId, id, body == null ? null : body.note(), clock.instant()), orderId);
        return incidents.find(orderId, id).orElseThrow();
    }

    @POST
    @Path("/orders/{orderId}/apology")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apologise for an incident, once: the message it calls for and the coupon per policy",
            description = "202 with the incident; 409 when the customer was already told about it, or the order "
                    + "was cancelled.")
    public Response apologise(@PathParam("orderId") String orderId, @Valid ApologyRequest body) {
        Incident incident = run(() -> {
            UUID id = body == null || body.incidentId() == null ? null : body.incidentId();
            if (id == null) {
                id = handling.openIncidents(orderId, clock.instant()).stream()
                        .filter(i -> i.revision() == 0).map(Incident::id).findFirst()
                        .orElseThrow(() -> new ProblemException(Response.Status.CONFLICT, "order " + orderId
                                + " has no open incident the customer has not been told about"));
            }
            return handling.apologise(orderId, id, clock.instant());
        }, orderId);
        dispatcher.wake();
        return Response.accepted(incidents.find(orderId, incident.id()).orElseThrow()).build();
    }

    @GET
    @Path("/incidents")
    @Operation(summary = "Incidents of every order, newest first, by status (OPEN, CLOSED) and reason")
    public Page<IncidentView> list(@QueryParam("status") String status, @QueryParam("reason") String reason,
                                   @QueryParam("page") String page, @QueryParam("size") String size) {
        String s = blank(status) ? null : oneOf("status", status, Arrays.stream(Incident.Status.values())
                .map(Enum::name).toList());
        String r = blank(reason) ? null : oneOf("reason", reason, Arrays.stream(IncidentReason.values())
                .map(Enum::name).toList());
        return incidents.page(s, r, OrderResource.integer("page", page, 0, 0, Integer.MAX_VALUE),
                OrderResource.integer("size", size, 20, 1, OrderResource.MAX_PAGE_SIZE));
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    /** Runs in one transaction and turns the domain's refusals into problems. */
    private static <T> T run(Work<T> work, String orderId) {
        try {
            return QuarkusTransaction.requiringNew().call(work::run);
        } catch (RuntimeException e) {
            RuntimeException cause = e instanceof io.quarkus.narayana.jta.QuarkusTransactionException
                    && e.getCause() instanceof RuntimeException r ? r : e;
            if (cause instanceof DelayHandling.UnknownOrderException) {
                throw new ProblemException(Response.Status.NOT_FOUND, "no order " + orderId);
            }
            if (cause instanceof IncidentDesk.NoSuchIncident) {
                throw new ProblemException(Response.Status.NOT_FOUND, cause.getMessage());
            }
            if (cause instanceof IncidentDesk.Refused) {
                throw new ProblemException(Response.Status.CONFLICT, cause.getMessage());
            }
            throw cause;
        }
    }

    private static IncidentCause reportable(String type) {
        try {
            IncidentCause cause = IncidentCause.valueOf(type.strip());
            if (REPORTABLE.contains(cause)) {
                return cause;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ProblemException.badRequest("type '" + type + "' is not one of " + List.of("WRONG_ITEM", "DAMAGED",
                "MISSING_ITEM", "OTHER"));
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

    private static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("incident id '" + value + "' is not a UUID");
        }
    }

    static ProblemException noSuchIncident(String orderId, String incidentId) {
        return new ProblemException(Response.Status.NOT_FOUND, "order " + orderId + " has no incident " + incidentId);
    }
}
