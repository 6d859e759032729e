package dev.ordertracking.tracking;

import dev.ordertracking.notification.LocalizedText;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import dev.ordertracking.feedback.FeedbackService;
import dev.ordertracking.platform.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

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
    private final FeedbackService feedback;
    private final Clock clock;
    private final Template tracking;
    private final Template notFound;

    public TrackingPageResource(TrackingPages pages, FeedbackService feedback, Clock clock,
                                @Location("pages/tracking.html") Template tracking,
                                @Location("pages/not-found.html") Template notFound) {
        this.pages = pages;
        this.feedback = feedback;
        this.clock = clock;
        this.tracking = tracking;
        this.notFound = notFound;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("token") String token, @QueryParam("lang") String lang,
                         @QueryParam("before") String before) {
        return pages.forToken(token, lang, before == null || before.isBlank() ? null : before)
                .map(page -> headers(Response.ok(tracking.data("page", page)
                        .setAttribute("locale", Locale.forLanguageTag(page.lang())).render())))
                .map(Response.ResponseBuilder::build)
                .orElseGet(() -> notFound(lang));
    }

    /**
     * The customer's rating of a delivered order (form fields {@code rating} 1-5 and an optional
     * {@code comment}), once: then back to the page, which thanks them.
     */
    @POST
    @Path("/feedback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response rate(@PathParam("token") String token, @FormParam("rating") String rating,
                         @FormParam("comment") String comment, @QueryParam("lang") String lang) throws Exception {
        Optional<String> orderId = pages.orderId(token);
        if (orderId.isEmpty()) {
            return notFound(lang);
        }
        int stars;
        try {
            stars = Integer.parseInt(rating == null ? "" : rating.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("rating must be a whole number from 1 to 5");
        }
        if (stars < 1 || stars > 5) {
            throw ProblemException.badRequest("rating must be a whole number from 1 to 5");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > 2000) {
            throw ProblemException.badRequest("comment must be at most 2,000 characters");
        }
        FeedbackService.Outcome outcome = feedback.give(orderId.get(), stars, text, clock.instant());
        if (outcome == FeedbackService.Outcome.NOT_DELIVERED) {
            throw new ProblemException(Response.Status.CONFLICT, "the order has not been delivered yet");
        }
        if (outcome == FeedbackService.Outcome.ALREADY_GIVEN) {
            throw new ProblemException(Response.Status.CONFLICT, "this order has been rated already");
        }
        String back = "/t/" + token + (lang == null || lang.isBlank() ? "" : "?lang=" + URLEncoder.encode(lang,
                StandardCharsets.UTF_8)) + "#feedback";
        return Response.seeOther(URI.create(back)).header("Cache-Control", "no-store").build();
    }

    private Response notFound(String lang) {
        Locale locale = pages.locale(lang, null);
        return headers(Response.status(Response.Status.NOT_FOUND).entity(notFound
                .data("lang", locale.toLanguageTag())
                .data("dir", LocalizedText.rightToLeft(locale) ? "rtl" : "ltr")
                .setAttribute("locale", locale).render())).build();
    }

    /** The headers of every customer page: HTML, not indexed, not cached, no referrer, nothing loaded from elsewhere. */
    static Response.ResponseBuilder headers(Response.ResponseBuilder response) {
        return response.type(MediaType.TEXT_HTML + ";charset=UTF-8")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("Cache-Control", "private, no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
