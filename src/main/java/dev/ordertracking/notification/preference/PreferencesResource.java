package dev.ordertracking.notification.preference;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ordertracking.journey.JourneyStore;
import dev.ordertracking.notification.sms.SmsOptOutService;
import dev.ordertracking.platform.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's message preferences, per channel; both channels are on until changed. A number on the
 * customer's orders that texted STOP turns SMS off whatever was chosen here, until the customer texts
 * START: support sees it but cannot lift it.
 */
@Path("/api/customers/{customerId}/preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class PreferencesResource {

    public record ChannelPreference(@NotNull Boolean enabled) {
    }

    public record Preferences(@NotNull @Valid ChannelPreference sms, @NotNull @Valid ChannelPreference email) {
    }

    /**
     * SMS as it stands: {@code enabled} is false while a STOP holds, with the keyword the customer
     * texted ({@code optedOutBy}) and when ({@code optedOutAt}).
     */
    public record SmsPreferenceView(boolean enabled,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) String optedOutBy,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) Instant optedOutAt) {
    }

    public record PreferencesView(String customerId, SmsPreferenceView sms, ChannelPreference email,
                                  Instant updatedAt) {
    }

    private final PreferenceStore preferences;
    private final SmsOptOutService optOuts;
    private final Clock clock;
    private final JourneyStore journeys;

    public PreferencesResource(PreferenceStore preferences, SmsOptOutService optOuts, Clock clock, JourneyStore journeys) {
        this.preferences = preferences;
        this.optOuts = optOuts;
        this.clock = clock;
        this.journeys = journeys;
    }

    @GET
    @Operation(operationId = "getPreferences", summary = "A customer's message preferences")
    public PreferencesView get(@PathParam("customerId") String customerId) throws SQLException {
        Optional<CustomerPreference> chosen = preferences.find(customerId);
        if (chosen.isEmpty()) {
            requireKnown(customerId);
        }
        CustomerPreference p = chosen.orElse(new CustomerPreference(customerId, true, true, null));
        return view(customerId, p.smsEnabled(), p.emailEnabled(), p.updatedAt(), optOuts.ofCustomer(customerId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "setPreferences", summary = "Set a customer's message preferences",
            description = "409 when SMS is to be turned on for a customer whose number texted STOP: only the "
                    + "customer's START lifts that; nothing is changed.")
    public PreferencesView put(@PathParam("customerId") String customerId, @NotNull @Valid Preferences body)
            throws SQLException {
        if (preferences.find(customerId).isEmpty()) {
            requireKnown(customerId);
        }
        Optional<SmsOptOutService.OptOut> optOut = optOuts.ofCustomer(customerId);
        if (body.sms().enabled() && optOut.isPresent()) {
            throw new ProblemException(Response.Status.CONFLICT, "customer " + customerId + " texted "
                    + optOut.get().by() + " on " + optOut.get().at() + ": SMS stays off until they text START; "
                    + "support cannot turn it back on",
                    Map.of("optedOutBy", optOut.get().by(), "optedOutAt", optOut.get().at().toString()));
        }
        Instant now = clock.instant();
        preferences.save(customerId, body.sms().enabled(), body.email().enabled(), now);
        return view(customerId, body.sms().enabled(), body.email().enabled(), now, optOut);
    }

    private void requireKnown(String customerId) throws SQLException {
        if (!journeys.knowsCustomer(customerId)) {
            throw new ProblemException(Response.Status.NOT_FOUND, "no customer " + customerId);
        }
    }

    private static PreferencesView view(String customerId, boolean sms, boolean email, Instant updatedAt,
                                        Optional<SmsOptOutService.OptOut> optOut) {
        SmsPreferenceView smsView = optOut.map(o -> new SmsPreferenceView(false, o.by(), o.at()))
                .orElseGet(() -> new SmsPreferenceView(sms, null, null));
        return new PreferencesView(customerId, smsView, new ChannelPreference(email), updatedAt);
    }
}
