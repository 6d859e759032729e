package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.StoredJourneys;
import dev.ordertracking.notification.sms.SmsOptOutService;
import dev.ordertracking.notification.sms.SmsSender;
import dev.ordertracking.notification.sms.TwilioSignatures;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Twilio's message status callbacks ({@code queued}, {@code sent}, {@code delivered},
 * {@code undelivered}, {@code failed}). Applied monotonically: a status never replaces a later one
 * (Twilio does not promise order), and a repeated status changes nothing. A final failure with a
 * permanent error code sends the milestone to the customer's other channel; 21610 also records
 * the number as opted out.
 *
 * <p>It lives in the core, not in {@code sms}, because it moves messages through the ledger and
 * plans fallbacks: the channel packages never call back into the core.
 */
@Path("/webhooks/twilio/status")
// No bearer token: the X-Twilio-Signature header is the credential.
@SecurityRequirements
public class TwilioStatusWebhook {

    /** Delivery errors after which this number will not get this message, however often we try. */
    static final Set<String> PERMANENT_DELIVERY_ERRORS = Set.of("21211", "21610", "21614", "30005", "30006", "30007");
    /** Delivery errors worth a new attempt later. */
    static final Set<String> TRANSIENT_DELIVERY_ERRORS = Set.of("30003", "30008", "20429");

    private final TwilioSignatures signatures;
    private final NotificationStore ledger;
    private final NotificationMetrics metrics;
    private final SmsOptOutService optOuts;
    private final StoredJourneys journeys;
    private final Fallbacks fallbacks;
    private final NotificationSignal signal;
    private final NotificationSettings settings;
    private final Clock clock;

    public TwilioStatusWebhook(TwilioSignatures signatures, NotificationStore ledger, NotificationMetrics metrics,
                               SmsOptOutService optOuts, StoredJourneys journeys, Fallbacks fallbacks,
                               NotificationSignal signal, NotificationSettings settings, Clock clock) {
        this.signatures = signatures;
        this.ledger = ledger;
        this.metrics = metrics;
        this.optOuts = optOuts;
        this.journeys = journeys;
        this.fallbacks = fallbacks;
        this.signal = signal;
        this.settings = settings;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional(rollbackOn = Exception.class)
    @Operation(operationId = "twilioStatusCallback", summary = "Twilio message status callback (signed by Twilio)")
    public Response status(MultivaluedMap<String, String> form, @HeaderParam("X-Twilio-Signature") String signature,
                           @Context UriInfo uri) throws SQLException {
        Map<String, String> params = signatures.verified(form, signature, uri);
        String providerStatus = params.getOrDefault("MessageStatus", params.get("SmsStatus"));
        NotificationStatus status = map(providerStatus);
        String sid = params.get("MessageSid");
        Optional<StoredNotification> found = ledger.findForUpdate(key(uri), sid);
        if (status == null || found.isEmpty()) {
            // Statuses we do not track (sending, read, ...) and messages we do not know: nothing to do.
            return Response.noContent().build();
        }
        StoredNotification n = found.get();
        Instant now = clock.instant();
        if (n.status() == NotificationStatus.SUPPRESSED || n.status() == NotificationStatus.DROPPED
                || (!n.status().isClaimable() && status.rank <= n.status().rank)) {
            return Response.noContent().build(); // duplicate or late: never goes backwards
        }
        String errorCode = blankToNull(params.get("ErrorCode"));
        String errorMessage = blankToNull(params.get("ErrorMessage"));
        boolean failed = status == NotificationStatus.UNDELIVERED || status == NotificationStatus.FAILED;
        if (failed && errorCode != null && TRANSIENT_DELIVERY_ERRORS.contains(errorCode)
                && n.attempts() < settings.dispatch().maxAttempts()) {
            Instant next = now.plus(new Backoff(settings.dispatch().initialBackoff(), settings.dispatch().maxBackoff())
                    .delay(n.attempts(), ThreadLocalRandom.current()));
            ledger.transition(n.id(), new Transition(NotificationStatus.RETRYING, "Twilio reported " + providerStatus
                    + "; trying again", next, sid, providerStatus, errorCode, errorMessage, null), now);
            metrics.transitioned(n.channel(), n.milestone(), NotificationStatus.RETRYING);
            signal.wake();
            return Response.noContent().build();
        }
        ledger.transition(n.id(), new Transition(status, failed ? "Twilio reported " + providerStatus : null, null, sid,
                providerStatus, errorCode, errorMessage, n.acceptedAt() == null ? now : null), now);
        metrics.transitioned(n.channel(), n.milestone(), status);
        if (failed && errorCode != null && PERMANENT_DELIVERY_ERRORS.contains(errorCode)) {
            if (String.valueOf(SmsSender.UNSUBSCRIBED).equals(errorCode) && n.recipient() != null) {
                optOuts.optOut(n.recipient(), now, "twilio:" + errorCode);
            }
            Journey journey = journeys.load(Set.of(n.orderId())).get(n.orderId());
            if (journey != null && n.fallbackOf() == null && fallbacks.plan(n.id(), n.channel(), n.milestone(),
                    n.shipmentId(), n.incidentId(), n.incidentRevision(), n.causeReceivedAt(), journey, now)) {
                signal.wake();
            }
        }
        return Response.noContent().build();
    }

    static NotificationStatus map(String providerStatus) {
        if (providerStatus == null) {
            return null;
        }
        switch (providerStatus.toLowerCase(Locale.ROOT)) {
            case "accepted":
            case "scheduled":
            case "queued":
                return NotificationStatus.ACCEPTED;
            case "sent":
                return NotificationStatus.SENT;
            case "delivered":
                return NotificationStatus.DELIVERED;
            case "undelivered":
                return NotificationStatus.UNDELIVERED;
            case "failed":
                return NotificationStatus.FAILED;
            default:
                return null;
        }
    }

    private static UUID key(UriInfo uri) {
        String key = uri.getQueryParameters().getFirst(SmsSender.CALLBACK_KEY_PARAMETER);
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
