package dev.ordertracking.support;

import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.support.FollowUpService.FollowUpView;
import dev.ordertracking.support.OrderViews.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Follow-ups for support: a rating of 2 or less opens one with the order's context. */
@Path("/api/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class FollowUpResource {

    public record Closing(@Size(max = 2000) String note) {
    }

    private final FollowUpService followUps;
    private final Clock clock;

    public FollowUpResource(FollowUpService followUps, Clock clock) {
        this.followUps = followUps;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "listFollowUps", summary = "Follow-ups, newest first, by status (OPEN, CLOSED)")
    public Page<FollowUpView> list(@QueryParam("status") String status, @QueryParam("page") String page,
                                   @QueryParam("size") String size) {
        if (status != null && !status.isBlank() && !List.of("OPEN", "CLOSED").contains(status.strip())) {
            throw ProblemException.badRequest("status '" + status + "' is not one of [OPEN, CLOSED]");
        }
        return followUps.page(status == null || status.isBlank() ? null : status.strip(),
                OrderResource.integer("page", page, 0, 0, Integer.MAX_VALUE),
                OrderResource.integer("size", size, 20, 1, OrderResource.MAX_PAGE_SIZE));
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeFollowUp", summary = "Close a follow-up, with an optional note")
    public FollowUpView close(@PathParam("id") String id, @Valid Closing body) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("follow-up id '" + id + "' is not a UUID");
        }
        return followUps.close(uuid, body == null ? null : body.note(), clock.instant());
    }
}
