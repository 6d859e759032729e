package dev.ordertracking.notification.sms;

import com.twilio.security.RequestValidator;
import dev.ordertracking.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.HashMap;
import java.util.Map;

/** Checks Twilio's X-Twilio-Signature on a webhook call with the SDK's {@link RequestValidator}. */
@ApplicationScoped
public class TwilioSignatures {

    private final TwilioSettings settings;

    public TwilioSignatures(TwilioSettings settings) {
        this.settings = settings;
    }

    /**
     * The form parameters of a correctly signed call.
     *
     * @throws ProblemException 403 when the signature is missing or wrong, 503 without an auth token
     */
    public Map<String, String> verified(MultivaluedMap<String, String> form, String signature, UriInfo uri) {
        String token = settings.authToken().filter(t -> !t.isBlank()).orElseThrow(() -> new ProblemException(
                Response.Status.SERVICE_UNAVAILABLE, "twilio.auth-token is not configured; webhooks cannot be verified"));
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        if (signature == null || !new RequestValidator(token).validate(url(uri), params, signature)) {
            throw new ProblemException(Response.Status.FORBIDDEN, "X-Twilio-Signature does not match this request");
        }
        return params;
    }

    /** The URL Twilio signed: the configured public base when behind a proxy, else the request's. */
    private String url(UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        String query = uri.getRequestUri().getRawQuery();
        String suffix = path + (query == null ? "" : "?" + query);
        return settings.webhookBaseUrl().filter(b -> !b.isBlank())
                .map(base -> base.replaceAll("/+$", "") + suffix)
                .orElse(uri.getRequestUri().toString());
    }
}
