package dev.ordertracking.notification.preference;

import dev.ordertracking.journey.JourneyStore;
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

/** A customer's message preferences, per channel; both channels are on until changed. */
@Path("/api/customers/{customerId}/preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@SecurityRequirement(name = "SecurityScheme")
public class PreferencesResource {

    public record ChannelPreference(@NotNull Boolean enabled) {
    }

    public record Preferences(@NotNull @Valid ChannelPreference sms, @NotNull @Valid ChannelPreference email) {
    }

    public record PreferencesView(String customerId, ChannelPreference sms, ChannelPreference email, Instant updatedAt) {
    }

    private final Clock clock;
    private final JourneyStore journeys;

    public PreferencesResource(Clock clock, JourneyStore journeys) {
        this.clock = clock;
        this.journeys = journeys;
    }

    @GET
    @Operation(summary = "A customer's message preferences")
    public PreferencesView get(@PathParam("customerId") String customerId) throws SQLException {
        CustomerPreference p = CustomerPreference.findById(customerId);
        if (p == null) {
            requireKnown(customerId);
            return new PreferencesView(customerId, new ChannelPreference(true), new ChannelPreference(true), null);
        }
        return view(p);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Set a customer's message preferences")
    public PreferencesView put(@PathParam("customerId") String customerId, @NotNull @Valid Preferences body)
            throws SQLException {
        if (CustomerPreference.findById(customerId) == null) {
            requireKnown(customerId);
        }
        Instant now = clock.instant();
        // An upsert, so two first changes at once cannot collide.
        CustomerPreference.getEntityManager().createNativeQuery("""
                        insert into customer_preference (customer_id, sms_enabled, email_enabled, updated_at)
                        values (?1, ?2, ?3, ?4)
                        on conflict (customer_id) do update set sms_enabled = excluded.sms_enabled,
                            email_enabled = excluded.email_enabled, updated_at = excluded.updated_at""")
                .setParameter(1, customerId).setParameter(2, body.sms().enabled())
                .setParameter(3, body.email().enabled()).setParameter(4, java.sql.Timestamp.from(now))
                .executeUpdate();
        return new PreferencesView(customerId, body.sms(), body.email(), now);
    }

    private void requireKnown(String customerId) throws SQLException {
        if (!journeys.knowsCustomer(customerId)) {
            throw new ProblemException(Response.Status.NOT_FOUND, "no customer " + customerId);
        }
    }

    private static PreferencesView view(CustomerPreference p) {
        return new PreferencesView(p.customerId, new ChannelPreference(p.smsEnabled),
                new ChannelPreference(p.emailEnabled), p.updatedAt);
    }
}
