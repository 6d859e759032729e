package dev.ordertracking.notification.email;

import dev.ordertracking.platform.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * The unsubscribe link of every e-mail, without login: the signed token names the customer. A mail
 * client's one-click POST (RFC 8058) or the page's button turns e-mail off; SMS stays as it was.
 */
@Path("/unsubscribe/{token}")
public class UnsubscribeResource {

    private final UnsubscribeLinks links;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public UnsubscribeResource(UnsubscribeLinks links, AgroalDataSource dataSource, Clock clock) {
        this.links = links;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Page confirming the e-mail unsubscribe (link in every e-mail)")
    public Response page(@PathParam("token") String token) {
        if (links.customerOf(token).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_HTML)
                    .entity(page("Not found", "<p>This link is not valid.</p>")).build();
        }
        return Response.ok(page("Unsubscribe", """
                <p>Stop e-mails about your orders? Text messages are not affected.</p>
                <form method="post"><button type="submit">Unsubscribe from e-mails</button></form>"""))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces(MediaType.TEXT_HTML)
    @Transactional(rollbackOn = Exception.class)
    @Operation(summary = "One-click unsubscribe (RFC 8058): turns e-mail off for the token's customer")
    public Response unsubscribe(@PathParam("token") String token) throws SQLException {
        String customerId = links.customerOf(token).orElseThrow(() ->
                new ProblemException(Response.Status.NOT_FOUND, "this unsubscribe link is not valid"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into customer_preference (customer_id, sms_enabled, email_enabled, updated_at)
                     values (?, true, false, ?)
                     on conflict (customer_id) do update set email_enabled = false, updated_at = excluded.updated_at""")) {
            s.setString(1, customerId);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
        return Response.ok(page("Unsubscribed", "<p>You will get no more e-mails about your orders.</p>")).build();
    }

    private static String page(String title, String body) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
                <title>%s</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.2rem}</style></head><body><h1>%s</h1>%s</body></html>"""
                .formatted(title, title, body);
    }
}
