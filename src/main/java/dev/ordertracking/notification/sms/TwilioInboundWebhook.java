package dev.ordertracking.notification.sms;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's inbound-message webhook: STOP (and its synonyms) stops every SMS to the sender's
 * number, START lifts it. Only requests signed with our auth token count; anything else is 403
 * and changes nothing.
 */
@Path("/webhooks/twilio/inbound")
// No bearer token: the X-Twilio-Signature header is the credential.
@SecurityRequirements
public class TwilioInboundWebhook {

    static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    static final Set<String> START_WORDS = Set.of("START", "YES", "UNSTOP");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final TwilioSignatures signatures;
    private final SmsOptOutService optOuts;
    private final Clock clock;

    public TwilioInboundWebhook(TwilioSignatures signatures, SmsOptOutService optOuts, Clock clock) {
        this.signatures = signatures;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Transactional(rollbackOn = Exception.class)
    @Operation(operationId = "twilioInbound", summary = "Twilio inbound SMS: STOP / START keywords (signed by Twilio)")
    public String inbound(MultivaluedMap<String, String> form, @HeaderParam("X-Twilio-Signature") String signature,
                          @Context UriInfo uri) throws SQLException {
        Map<String, String> params = signatures.verified(form, signature, uri);
        String from = params.get("From");
        String keyword = params.getOrDefault("Body", "").trim().toUpperCase(Locale.ROOT);
        if (from != null && STOP_WORDS.contains(keyword)) {
            optOuts.optOut(from, clock.instant(), "sms:" + keyword);
        } else if (from != null && START_WORDS.contains(keyword)) {
            optOuts.optIn(from);
        }
        return EMPTY_TWIML;
    }
}
