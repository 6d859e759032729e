package dev.ordertracking.tracking;

import dev.ordertracking.notification.LocalizedText;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Locale;

/**
 * The customer's tracking page, {@code /t/{token}}: no login, the unguessable token is the only
 * key. An unknown or malformed token gets the same plain 404 page, which says nothing about orders.
 */
@Path("/t/{token}")
public class TrackingPageResource {

    /** No third-party requests: nothing but this page's own inline styles is allowed to load. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final TrackingPages pages;
    private final Template tracking;
    private final Template notFound;

    public TrackingPageResource(TrackingPages pages, @Location("pages/tracking.html") Template tracking,
                                @Location("pages/not-found.html") Template notFound) {
        this.pages = pages;
        this.tracking = tracking;
        this.notFound = notFound;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("token") String token, @QueryParam("lang") String lang) {
        return pages.forToken(token, lang)
                .map(page -> headers(Response.ok(tracking.data("page", page)
                        .setAttribute("locale", Locale.forLanguageTag(page.lang())).render())))
                .orElseGet(() -> {
                    Locale locale = pages.locale(lang, null);
                    return headers(Response.status(Response.Status.NOT_FOUND).entity(notFound
                            .data("lang", locale.toLanguageTag())
                            .data("dir", LocalizedText.rightToLeft(locale) ? "rtl" : "ltr")
                            .setAttribute("locale", locale).render()));
                })
                .build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder response) {
        return response.type(MediaType.TEXT_HTML + ";charset=UTF-8")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("Cache-Control", "private, no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
