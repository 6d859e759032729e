package dev.ordertracking.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Where the provider sends people back after signing out of the console; needs no login. */
@Path("/signed-out")
public class SignedOutResource {

    private final Template messagePage;

    public SignedOutResource(@Location("console/message.html") Template messagePage) {
        this.messagePage = messagePage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response signedOut() {
        return ConsolePages.headers(Response.ok(messagePage.data("title", "Signed out")
                .data("message", "You have signed out of the support console.")
                .data("user", "").render())).build();
    }
}
