package dev.ordertracking.console;

import dev.ordertracking.notification.NotificationSignal;
import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.platform.ProblemMappers;
import dev.ordertracking.platform.Refusal;
import dev.ordertracking.support.FollowUpService;
import dev.ordertracking.support.IncidentActionService;
import dev.ordertracking.support.ResendService;
import dev.ordertracking.support.OrderQueries;
import dev.ordertracking.support.OrderForecasts;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.SupportNoteService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The support console: a dashboard, one search box, an order's whole story on one page, and the
 * actions support takes on it. Server-rendered; every action is a plain form POST answered with a
 * redirect back to the order (or the page again with what went wrong).
 */
@Path("/console")
@RolesAllowed("support")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    /** Longest dashboard range, so a chart stays readable. */
    static final int MAX_DAYS = 92;

    /** What the order page says after an action succeeded. */
    static final Map<String, String> DONE = Map.of(
            "note", "Note added.",
            "incident", "Incident recorded. The customer has not been told: send the apology when ready.",
            "apology", "Apology on its way: the message and any coupon go out through the usual pipeline.",
            "resend", "The message was queued again.",
            "follow-up", "Follow-up closed.");

    private final DashboardService dashboard;
    private final ConsoleSearchService search;
    private final OrderQueries orders;
    private final ResendService resends;
    private final NotificationSignal dispatcher;
    private final IncidentActionService incidents;
    private final FollowUpService followUps;
    private final SupportNoteService notes;
    private final SecurityIdentity identity;
    private final ConsoleSettings settings;
    private final Clock clock;
    private final Template dashboardPage;
    private final Template searchPage;
    private final Template orderPage;
    private final Template messagePage;
    private final OrderForecasts forecasts;

    public ConsoleResource(DashboardService dashboard, ConsoleSearchService search, OrderQueries orders,
                           ResendService resends, NotificationSignal dispatcher, IncidentActionService incidents,
                           FollowUpService followUps, SupportNoteService notes, SecurityIdentity identity,
                           ConsoleSettings settings, Clock clock,
                           @Location("console/dashboard.html") Template dashboardPage,
                           @Location("console/search.html") Template searchPage,
                           @Location("console/order.html") Template orderPage,
                           @Location("console/message.html") Template messagePage, OrderForecasts forecasts) {
        this.forecasts = forecasts;
        this.dashboard = dashboard;
        this.search = search;
        this.orders = orders;
        this.resends = resends;
        this.dispatcher = dispatcher;
        this.incidents = incidents;
        this.followUps = followUps;
        this.notes = notes;
        this.identity = identity;
        this.settings = settings;
        this.clock = clock;
        this.dashboardPage = dashboardPage;
        this.searchPage = searchPage;
        this.orderPage = orderPage;
        this.messagePage = messagePage;
    }

    @GET
    @Operation(hidden = true)
    public Response dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate end;
        LocalDate start;
        try {
            end = to == null || to.isBlank() ? today : LocalDate.parse(to.strip());
            start = from == null || from.isBlank() ? end.minusDays(settings.dashboardDays() - 1L)
                    : LocalDate.parse(from.strip());
        } catch (DateTimeParseException e) {
            return page(Response.Status.BAD_REQUEST, messagePage.data("title", "Dashboard")
                    .data("message", "Dates are written yyyy-MM-dd, for example " + today + "."));
        }
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            return page(Response.Status.BAD_REQUEST, messagePage.data("title", "Dashboard")
                    .data("message", "Choose a range of 1 to " + MAX_DAYS + " days, the first day before the last."));
        }
        return page(Response.Status.OK, dashboardPage.data("view", dashboard.view(start, end)));
    }

    @GET
    @Path("/search")
    @Operation(hidden = true)
    public Response search(@QueryParam("q") String q) {
        ConsoleSearchService.Found found = search.find(q);
        if (found.exactOrder().isPresent()) {
            return seeOther(found.exactOrder().get(), null);
        }
        if (found.orders().size() == 1) {
            return seeOther(found.orders().get(0).orderId(), null);
        }
        return page(Response.Status.OK, searchPage.data("found", found).data("limit", ConsoleSearchService.LIMIT)
                .data("query", found.query()));
    }

    @GET
    @Path("/orders/{orderId}")
    @Operation(hidden = true)
    public Response order(@PathParam("orderId") String orderId, @QueryParam("done") String done,
                          @QueryParam("before") String before) {
        OrderQueries.TimelineWindow window = new OrderQueries.TimelineWindow(
                before == null || before.isBlank() ? null : before, OrderQueries.TIMELINE_LIMIT, List.of());
        try {
            return orderPage(orderId, window, Response.Status.OK,
                    Optional.ofNullable(done).map(DONE::get).orElse(null), null);
        } catch (ProblemException | Refusal e) {
            return page(status(e), messagePage.data("title", "Timeline").data("message", e.getMessage()));
        }
    }

    @POST
    @Path("/orders/{orderId}/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response addNote(@PathParam("orderId") String orderId, @FormParam("text") String text) {
        return act(orderId, "note", () -> notes.add(orderId, user(), text));
    }

    @POST
    @Path("/orders/{orderId}/incidents")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response reportIncident(@PathParam("orderId") String orderId, @FormParam("type") String type,
                                   @FormParam("note") String note) {
        return act(orderId, "incident", () -> {
            if (type == null || type.isBlank() || note == null || note.isBlank() || note.length() > 2000) {
                throw ProblemException.badRequest("an incident needs a type and a note of up to 2000 characters");
            }
            return incidents.report(orderId, new IncidentActionService.NewIncident(type, note));
        });
    }

    @POST
    @Path("/orders/{orderId}/apology")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response apologise(@PathParam("orderId") String orderId, @FormParam("incidentId") String incidentId) {
        return act(orderId, "apology", () -> incidents.apologise(orderId,
                new IncidentActionService.ApologyRequest(incidentId == null || incidentId.isBlank() ? null : uuid(incidentId))));
    }

    @POST
    @Path("/orders/{orderId}/notifications/{notificationId}/resend")
    @Operation(hidden = true)
    public Response resend(@PathParam("orderId") String orderId, @PathParam("notificationId") String notificationId) {
        return act(orderId, "resend", () -> {
            Object created = resends.resend(orderId, notificationId, user());
            dispatcher.wake();
            return created;
        });
    }

    @POST
    @Path("/orders/{orderId}/follow-ups/{followUpId}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response closeFollowUp(@PathParam("orderId") String orderId, @PathParam("followUpId") String followUpId,
                                  @FormParam("note") String note) {
        return act(orderId, "follow-up", () -> {
            UUID id = uuid(followUpId);
            if (followUps.ofOrder(orderId).stream().noneMatch(f -> f.id().equals(id))) {
                throw new ProblemException(Response.Status.NOT_FOUND, "no follow-up " + followUpId + " on this order");
            }
            if (note != null && note.length() > 2000) {
                throw ProblemException.badRequest("a closing note has at most 2000 characters");
            }
            return followUps.close(id, note == null || note.isBlank() ? null : note.strip(), clock.instant());
        });
    }

    /** Signed in, but not in the support group: say so, in a page, with a way out. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return page(Response.Status.FORBIDDEN, messagePage.data("title", "Not for this account")
                .data("message", "You are signed in, but your account is not in the support group. "
                        + "Ask whoever manages your sign-in to add you, or sign out and use another account."));
    }

    private Response act(String orderId, String done, java.util.function.Supplier<Object> action) {
        try {
            action.get();
        } catch (ProblemException | Refusal e) {
            return orderPage(orderId, status(e), null, e.getMessage());
        }
        return seeOther(orderId, done);
    }

    /** The status the API would answer with: the page says the same. */
    private static Response.Status status(RuntimeException e) {
        return e instanceof ProblemException p ? p.status() : ProblemMappers.status((Refusal) e);
    }

    private Response orderPage(String orderId, Response.StatusType status, String done, String error) {
        return orderPage(orderId, OrderQueries.TimelineWindow.newest(), status, done, error);
    }

    private Response orderPage(String orderId, OrderQueries.TimelineWindow window, Response.StatusType status,
                               String done, String error) {
        Optional<OrderView> order = orders.find(orderId, window).map(forecasts::withForecast);
        if (order.isEmpty()) {
            return page(Response.Status.NOT_FOUND, messagePage.data("title", "No such order")
                    .data("message", "There is no order " + orderId + " (yet: events that arrive before the "
                            + "order.placed event wait for it)."));
        }
        return page(status, orderPage.data("order", order.get()).data("done", done).data("error", error)
                .data("incidentTypes", List.of("WRONG_ITEM", "DAMAGED", "MISSING_ITEM", "OTHER")));
    }

    private Response page(Response.StatusType status, TemplateInstance template) {
        return ConsolePages.headers(Response.status(status)
                .entity(template.data("user", identity.isAnonymous() ? "" : user()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))).build();
    }

    private static Response seeOther(String orderId, String done) {
        UriBuilder uri = UriBuilder.fromPath("/console/orders/{orderId}");
        if (done != null) {
            uri.queryParam("done", done);
        }
        return ConsolePages.headers(Response.seeOther(uri.build(orderId))).build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + value + "' is not an id");
        }
    }
}
