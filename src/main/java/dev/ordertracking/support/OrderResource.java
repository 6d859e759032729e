package dev.ordertracking.support;

import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.notification.NotificationSignal;
import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.OrderViews.NotificationView;
import dev.ordertracking.support.OrderViews.OrderSummary;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class OrderResource {

    static final int MAX_PAGE_SIZE = 200;

    private final OrderQueries queries;
    private final NotificationViewStore notifications;
    private final ResendService resends;
    private final NotificationSignal dispatcher;
    private final IncidentActionService incidentActions;
    private final SupportNoteService notes;
    private final OrderForecasts forecasts;

    public OrderResource(OrderQueries queries, NotificationViewStore notifications, ResendService resends,
                         NotificationSignal dispatcher, IncidentActionService incidentActions, SupportNoteService notes,
                         OrderForecasts forecasts) {
        this.forecasts = forecasts;
        this.incidentActions = incidentActions;
        this.notes = notes;
        this.queries = queries;
        this.notifications = notifications;
        this.resends = resends;
        this.dispatcher = dispatcher;
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "An order's journey: status, promise, shipments, anomalies, timeline and delivery forecast",
            description = "The timeline holds the timelineLimit (default " + OrderQueries.TIMELINE_LIMIT + ", at most "
                    + OrderQueries.MAX_TIMELINE_LIMIT + ") most recent events older than the event timelineBefore "
                    + "(default: the newest), oldest first; timelinePage.older links to the ones before them.")
    public OrderView get(@PathParam("orderId") String orderId, @QueryParam("timelineBefore") String timelineBefore,
                         @QueryParam("timelineLimit") String timelineLimit, @Context UriInfo uri) {
        OrderQueries.TimelineWindow window = new OrderQueries.TimelineWindow(text(timelineBefore).orElse(null),
                integer("timelineLimit", timelineLimit, OrderQueries.TIMELINE_LIMIT, 1,
                        OrderQueries.MAX_TIMELINE_LIMIT), List.of());
        return queries.find(orderId, window).map(forecasts::withForecast)
                .map(order -> order.olderTimeline() == null ? order
                : order.withTimelinePage(order.timelinePage().withOlder(uri.getBaseUriBuilder()
                        .path("api/orders/{orderId}").queryParam("timelineBefore", "{before}")
                        .queryParam("timelineLimit", window.limit())
                        .build(orderId, order.olderTimeline()).toString()))).orElseThrow(() -> {
            long waiting = queries.waitingEvents(orderId);
            if (waiting > 0) {
                return new ProblemException(Response.Status.NOT_FOUND, "order " + orderId + " has not been placed yet; "
                        + waiting + " of its events are kept until its order.placed arrives",
                        Map.of("waitingEvents", waiting));
            }
            return new ProblemException(Response.Status.NOT_FOUND, "no order " + orderId);
        });
    }

    @GET
    @Path("/{orderId}/notifications/{notificationId}")
    @Operation(summary = "One customer message of an order, with its status history")
    public NotificationView notification(@PathParam("orderId") String orderId,
                                         @PathParam("notificationId") String notificationId) {
        return notifications.find(orderId, ResendService.notificationId(orderId, notificationId))
                .orElseThrow(() -> ResendService.noSuchNotification(orderId, notificationId));
    }

    @POST
    @Path("/{orderId}/notifications/{notificationId}/resend")
    @Operation(summary = "Send a customer message again, to the order's current contact",
            description = "Creates a new message (resendOf = the original) that is sent like any other: the "
                    + "customer's consent is checked again, so a message suppressed by an opt-out stays unsent. "
                    + "Answers 202 with the new message; its status shows what became of it.")
    @APIResponse(responseCode = "202", description = "The new message, planned; Location is where to follow it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NotificationView.class)))
    public Response resend(@PathParam("orderId") String orderId, @PathParam("notificationId") String notificationId,
                           @Context SecurityContext security, @Context UriInfo uri) {
        NotificationView created = resends.resend(orderId, notificationId, security.getUserPrincipal().getName());
        // Committed by now: a dispatcher of this process can claim it at once.
        dispatcher.wake();
        return Response.accepted(created)
                .location(uri.getBaseUriBuilder().path("api/orders/{orderId}/notifications/{id}")
                        .build(orderId, created.id()))
                .build();
    }

    @POST
    @Path("/{orderId}/incidents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an incident reported to support: WRONG_ITEM, DAMAGED, MISSING_ITEM or OTHER",
            description = "201 with the new incident; 200 with the open incident of the same type when there is "
                    + "one (the note is added to it). The customer is not messaged: ask for the apology.")
    public Response reportIncident(@PathParam("orderId") String orderId,
                                   @NotNull @Valid IncidentActionService.NewIncident body, @Context UriInfo uri) {
        IncidentActionService.Reported reported = incidentActions.report(orderId, body);
        return (reported.created() ? Response.status(Response.Status.CREATED) : Response.ok())
                .entity(reported.incident())
                .location(uri.getBaseUriBuilder().path("api/orders/{orderId}/incidents/{id}")
                        .build(orderId, reported.incident().id()))
                .build();
    }

    @GET
    @Path("/{orderId}/incidents/{incidentId}")
    @Operation(summary = "One incident of an order, with every sign that fed it")
    public IncidentViews.IncidentView incident(@PathParam("orderId") String orderId,
                                               @PathParam("incidentId") String incidentId) {
        return incidentActions.find(orderId, incidentId);
    }

    @POST
    @Path("/{orderId}/incidents/{incidentId}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close an incident (support has dealt with it)")
    public IncidentViews.IncidentView closeIncident(@PathParam("orderId") String orderId,
                                                    @PathParam("incidentId") String incidentId,
                                                    @Valid IncidentActionService.Closing body) {
        return incidentActions.close(orderId, incidentId, body);
    }

    @POST
    @Path("/{orderId}/apology")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apologise for an incident, once: the message it calls for and the coupon per policy",
            description = "202 with the incident; 409 when the customer was already told about it, when the order "
                    + "was cancelled, or (without incidentId) when no open incident is waiting for an apology.")
    public Response apologise(@PathParam("orderId") String orderId, @Valid IncidentActionService.ApologyRequest body) {
        return Response.accepted(incidentActions.apologise(orderId, body)).build();
    }

    @POST
    @Path("/{orderId}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write a note on an order (author: the caller); notes are kept, never edited")
    @APIResponse(responseCode = "201", description = "The note as stored")
    public Response addNote(@PathParam("orderId") String orderId, @NotNull @Valid SupportNoteService.NewNote body,
                            @Context SecurityContext security) {
        return Response.status(Response.Status.CREATED)
                .entity(notes.add(orderId, security.getUserPrincipal().getName(), body.text())).build();
    }

    @GET
    @Operation(summary = "Find orders by contact, tracking number, status or lateness, newest first")
    public Page<OrderSummary> search(@QueryParam("email") String email, @QueryParam("phone") String phone,
                                     @QueryParam("trackingNumber") String trackingNumber,
                                     @QueryParam("status") String status, @QueryParam("late") String late,
                                     @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.search(new OrderSearch(text(email), text(phone).map(p -> p.replaceAll("[\\s().-]", "")),
                text(trackingNumber), text(status).map(OrderResource::status), text(late).map(OrderResource::bool),
                integer("page", page, 0, 0, Integer.MAX_VALUE), integer("size", size, 20, 1, MAX_PAGE_SIZE)));
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static OrderStatus status(String value) {
        try {
            return OrderStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status '" + value + "' is not one of "
                    + Arrays.toString(OrderStatus.values()));
        }
    }

    private static Boolean bool(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw ProblemException.badRequest("late must be true or false");
        }
        return Boolean.valueOf(value);
    }

    static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw ProblemException.badRequest(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number");
        }
    }
}
