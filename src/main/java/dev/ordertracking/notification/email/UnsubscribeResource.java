package dev.ordertracking.notification.email;

import dev.ordertracking.notification.preference.PreferenceStore;
import dev.ordertracking.platform.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

import java.sql.SQLException;
import java.time.Clock;

/**
 * The target of the unsubscribe link in every e-mail; the signed token is the only credential.
 *
 * <p>{@code GET} only shows a page with a button, because mail scanners follow links; the button
 * and mailbox providers' one-click unsubscribe (RFC 8058: {@code POST} with the form body
 * {@code List-Unsubscribe=One-Click}) both {@code POST} here. The body is not read: any {@code POST}
 * with a valid token turns the customer's e-mails off, SMS stay as they were.
 */
@Path("/unsubscribe/{token}")
// No bearer token: the signed token in the link is the credential.
@SecurityRequirements
public class UnsubscribeResource {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>%s</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0; background: #f5f5f5; color: #222; }
            main { max-width: 28rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
            h1 { font-size: 1.4rem; margin-top: 0; }
            button { font: inherit; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: #222;
                     color: #fff; cursor: pointer; }
            </style>
            </head>
            <body>
            <main>
            %s
            </main>
            </body>
            </html>
            """;

    private static final String EXPIRED = """
            <h1>This link has expired</h1>
            <p>Please use the unsubscribe link from a more recent e-mail of ours.</p>""";

    private final UnsubscribeLinks links;
    private final PreferenceStore preferences;
    private final Clock clock;

    public UnsubscribeResource(UnsubscribeLinks links, PreferenceStore preferences, Clock clock) {
        this.links = links;
        this.preferences = preferences;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribePage", summary = "Unsubscribe page of an e-mail's link: asks for confirmation, changes nothing")
    @APIResponse(responseCode = "200", description = "The confirmation page",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@PathParam("token") String token) {
        UnsubscribeLinks.Check check = links.unsubscribe(token);
        if (check instanceof UnsubscribeLinks.Expired) {
            return html(Response.Status.GONE, "Link expired", EXPIRED);
        }
        if (!(check instanceof UnsubscribeLinks.Valid)) {
            return html(Response.Status.NOT_FOUND, "Link not valid", """
                    <h1>This link is not valid</h1>
                    <p>Please use the unsubscribe link from one of our e-mails as it was sent.</p>""");
        }
        // No action attribute: the form posts to this same URL, wherever the service is mounted.
        return html(Response.Status.OK, "Unsubscribe", """
                <h1>Stop e-mails about your orders?</h1>
                <p>You will no longer get e-mails about your orders. Text messages, if you get them, do not change.</p>
                <form method="post">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Unsubscribe</button>
                </form>""");
    }

    // No @Produces: a one-click POST may accept anything, and must not be refused with 406.
    @POST
    @Transactional
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe from order e-mails (RFC 8058 one-click, or the page's button)")
    @APIResponse(responseCode = "200", description = "A page saying the customer is unsubscribed",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "No such unsubscribe link (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Response unsubscribe(@PathParam("token") String token) throws SQLException {
        UnsubscribeLinks.Check check = links.unsubscribe(token);
        if (check instanceof UnsubscribeLinks.Expired) {
            throw new ProblemException(Response.Status.GONE,
                    "this unsubscribe link has expired; use the one in a more recent e-mail");
        }
        if (!(check instanceof UnsubscribeLinks.Valid valid)) {
            throw new ProblemException(Response.Status.NOT_FOUND, "no such unsubscribe link");
        }
        // Repeated and concurrent clicks are one change; SMS stay as they are.
        preferences.turnEmailOff(valid.customerId(), clock.instant());
        return html(Response.Status.OK, "Unsubscribed", """
                <h1>You are unsubscribed</h1>
                <p>We will send no more e-mails about your orders.</p>""");
    }

    private static Response html(Response.Status status, String title, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(PAGE.formatted(title, body))
                // The page loads nothing and may only post back to itself; the token stays out of referrers.
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex")
                .build();
    }
}
