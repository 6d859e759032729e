package dev.ordertracking.support;

import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.OrderViews.OrderSummary;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class OrderResource {

    static final int MAX_PAGE_SIZE = 200;

    private final OrderQueries queries;

    public OrderResource(OrderQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "An order's journey: status, promise, shipments, anomalies and timeline")
    public OrderView get(@PathParam("orderId") String orderId) {
        return queries.find(orderId).orElseThrow(() -> {
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
