package dev.ordertracking.tracking;

import dev.ordertracking.notification.LocalizedText;
import dev.ordertracking.notification.email.UnsubscribeLinks;
import dev.ordertracking.notification.preference.CustomerPreference;
import dev.ordertracking.notification.preference.PreferenceStore;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.transaction.Transactional;
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

import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;

/**
 * The customer's message preferences, linked from the tracking page: {@code /preferences/{token}}
 * with a signed customer token for this page only (see {@link UnsubscribeLinks}), so no login is needed.
 */
@Path("/preferences/{token}")
public class PreferencesPageResource {

    private final UnsubscribeLinks links;
    private final PreferenceStore store;
    private final TrackingPages pages;
    private final Clock clock;
    private final Template preferences;
    private final Template notFound;
    private final Template linkExpired;

    public PreferencesPageResource(UnsubscribeLinks links, PreferenceStore store, TrackingPages pages, Clock clock,
                                   @Location("pages/preferences.html") Template preferences,
                                   @Location("pages/not-found.html") Template notFound,
                                   @Location("pages/link-expired.html") Template linkExpired) {
        this.links = links;
        this.store = store;
        this.pages = pages;
        this.clock = clock;
        this.preferences = preferences;
        this.notFound = notFound;
        this.linkExpired = linkExpired;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("token") String token, @QueryParam("lang") String lang,
                         @QueryParam("saved") String saved) throws SQLException {
        UnsubscribeLinks.Check check = links.preferences(token);
        if (!(check instanceof UnsubscribeLinks.Valid valid)) {
            return refused(check, lang);
        }
        CustomerPreference current = store.find(valid.customerId()).orElse(null);
        return render(Response.Status.OK, preferences, lang, current == null || current.smsEnabled(),
                current == null || current.emailEnabled(), saved != null);
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response save(@PathParam("token") String token, @QueryParam("lang") String lang,
                         @FormParam("sms") String sms, @FormParam("email") String email) throws SQLException {
        UnsubscribeLinks.Check check = links.preferences(token);
        if (!(check instanceof UnsubscribeLinks.Valid valid)) {
            return refused(check, lang);
        }
        store.save(valid.customerId(), "on".equals(sms), "on".equals(email), clock.instant());
        Locale locale = pages.locale(lang, null);
        return Response.seeOther(java.net.URI.create("/preferences/" + token + "?lang=" + locale.toLanguageTag()
                + "&saved=1")).header("Cache-Control", "no-store").build();
    }

    /** An expired link says so (the tracking page gives a new one); anything else is not ours. */
    private Response refused(UnsubscribeLinks.Check check, String lang) {
        return check instanceof UnsubscribeLinks.Expired
                ? render(Response.Status.GONE, linkExpired, lang, false, false, false)
                : render(Response.Status.NOT_FOUND, notFound, lang, false, false, false);
    }

    private Response render(Response.Status status, Template template, String lang, boolean sms, boolean email,
                            boolean saved) {
        Locale locale = pages.locale(lang, null);
        return TrackingPageResource.headers(Response.status(status)
                .entity(template.data("lang", locale.toLanguageTag())
                        .data("dir", LocalizedText.rightToLeft(locale) ? "rtl" : "ltr")
                        .data("sms", sms).data("email", email).data("saved", saved)
                        .setAttribute("locale", locale).render()))
                .build();
    }
}
