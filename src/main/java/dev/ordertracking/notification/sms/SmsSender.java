package dev.ordertracking.notification.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Sends SMS through the Twilio SDK ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}) and
 * says whether a failure is worth retrying.
 *
 * <p>Requests go to {@link TwilioSettings#apiBaseUrl()}: the SDK builds the real request (URL
 * {@code https://api.twilio.com/...}, Basic auth, form body) and the HTTP client's route planner
 * sends it to the configured host instead, so a local stand-in sees exactly what Twilio would.
 *
 * <p>Retries inside one {@link #send} are those of the SDK and its Apache HTTP client, unchanged:
 * Apache's default retry strategy repeats a 429 or 503 answer once after its {@code Retry-After}
 * (1 s without one), and the SDK's {@code HttpClient.reliableRequest} makes up to 3 attempts, 100 ms
 * apart, while the answer is 5xx. Every attempt carries the same idempotency header.
 *
 * <p>The idempotency key travels twice: as the {@value #IDEMPOTENCY_HEADER} request header (the
 * SDK's {@code MessageCreator} has no header setter, but every request passes through
 * {@link TwilioRestClient#request}, which a per-send subclass overrides to add it), and as the
 * {@code key} query parameter of the status callback URL, so a status callback can be matched to
 * our message even when the answer to the create request was lost.
 */
@ApplicationScoped
public class SmsSender implements AutoCloseable {

    public static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";
    public static final String CALLBACK_KEY_PARAMETER = "key";

    /** The number opted out (replied STOP): never send to it again until it opts back in. */
    public static final int UNSUBSCRIBED = 21610;

    /** Twilio codes that mean this message will never go through as it is. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(
            21211, // invalid 'To' number
            UNSUBSCRIBED,
            21614, // 'To' is not a mobile number
            30006); // landline or unreachable carrier

    /** Twilio codes that mean try again later, whatever the HTTP status. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            20429, // too many requests
            30003); // unreachable destination handset

    private static final Logger LOG = Logger.getLogger(SmsSender.class);

    private final TwilioSettings settings;
    private final PoolingHttpClientConnectionManager connections;
    private final TwilioRestClient.Builder clients;

    public SmsSender(TwilioSettings settings) {
        this.settings = settings;
        if (!settings.configured()) {
            this.connections = null;
            this.clients = null;
            return;
        }
        Timeout timeout = Timeout.of(settings.timeout());
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build())
                .setMaxConnTotal(20)
                .setMaxConnPerRoute(20)
                .build();
        HttpRoute route = routeTo(settings.apiBaseUrl());
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setConnectTimeout(timeout)
                .setResponseTimeout(timeout)
                .build();
        HttpClientBuilder http = HttpClientBuilder.create()
                .setConnectionManager(connections)
                .setRoutePlanner((target, context) -> route)
                // NetworkHttpClient puts its own RequestConfig (30.5 s connect timeout) on every
                // request; this first link of the exec chain puts ours back before connecting.
                .addExecInterceptorFirst("sms-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(requestConfig);
                    return chain.proceed(request, scope);
                });
        this.clients = new TwilioRestClient.Builder(settings.accountSid().orElseThrow(),
                settings.authToken().orElseThrow())
                .httpClient(new NetworkHttpClient(http));
    }

    /** Whether credentials and a sender are configured, so SMS can be sent at all. */
    public boolean configured() {
        return clients != null;
    }

    /** Sends one SMS; never throws for provider or network failures. */
    public SmsResult send(SmsRequest request) {
        if (clients == null) {
            return new SmsResult.NotConfigured();
        }
        SendClient client = new SendClient(clients, blankToNull(request.idempotencyKey()));
        try {
            Message message = creator(request).create(client);
            return new SmsResult.Accepted(message.getSid(),
                    message.getStatus() == null ? null : message.getStatus().toString());
        } catch (ApiConnectionException e) {
            return connectionFailure(e);
        } catch (ApiException e) {
            if (client.lastStatus == null) {
                // NetworkHttpClient wraps I/O errors (refused, reset, timeout) in ApiException.
                return connectionFailure(e);
            }
            int status = e.getStatusCode() != null ? e.getStatusCode() : client.lastStatus;
            boolean retry = status >= 200 && status < 300
                    // answered 2xx but unreadable: the message may exist, a retry could send it twice
                    ? false
                    : isTransient(status, e.getCode());
            LOG.debugf("Twilio refused SMS: HTTP %d, code %s, %s", status, e.getCode(), e.getMessage());
            return new SmsResult.Failed(e.getCode(), e.getMessage(), status, retry);
        }
    }

    /**
     * Looks for a message Twilio already has for this number with exactly this text, sent since
     * {@code since}: how a send whose answer was lost is recognised instead of repeated.
     *
     * @return the message's SID; empty when Twilio has none; a failure result when Twilio could not
     * be asked (then nobody knows, and the caller must not send either)
     */
    public Reconciliation findSent(String to, String body, java.time.Instant since) {
        if (clients == null) {
            return new Reconciliation(null, false);
        }
        try {
            // Not filtered by DateSent: a message Twilio still queues has none and would be missed.
            // The list is newest first; reading stops at messages created well before the attempt.
            java.time.ZonedDateTime after = since.atZone(java.time.ZoneOffset.UTC).minusHours(1);
            for (Message m : Message.reader().setTo(new PhoneNumber(to)).setPageSize(50L).read(clients.build())) {
                if (body.equals(m.getBody())) {
                    return new Reconciliation(m.getSid(), true);
                }
                if (m.getDateCreated() != null && m.getDateCreated().isBefore(after)) {
                    break;
                }
            }
            return new Reconciliation(null, true);
        } catch (RuntimeException e) {
            LOG.warnf("Twilio message lookup failed: %s", e.toString());
            return new Reconciliation(null, false);
        }
    }

    /** @param answered false when Twilio could not be asked */
    public record Reconciliation(String sid, boolean answered) {
    }

    /** Whether a Twilio error code means the recipient opted out of our messages. */
    public boolean optOutCode(Integer code) {
        return code != null && code == UNSUBSCRIBED;
    }

    /** Transient: 408, 429, 5xx and codes 20429 / 30003; permanent: other 4xx and known bad-number codes. */
    static boolean isTransient(int httpStatus, Integer code) {
        if (code != null && TRANSIENT_CODES.contains(code)) {
            return true;
        }
        if (code != null && PERMANENT_CODES.contains(code)) {
            return false;
        }
        return httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }

    @PreDestroy
    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }

    private MessageCreator creator(SmsRequest request) {
        PhoneNumber to = new PhoneNumber(request.to());
        MessageCreator creator = settings.messagingServiceSid().filter(s -> !s.isBlank())
                .map(service -> Message.creator(to, service, request.body()))
                .orElseGet(() -> Message.creator(to, new PhoneNumber(settings.from().orElseThrow()),
                        request.body()));
        settings.statusCallbackUrl().filter(s -> !s.isBlank())
                .map(url -> withKey(url, blankToNull(request.idempotencyKey())))
                .ifPresent(creator::setStatusCallback);
        return creator;
    }

    static String withKey(String callbackUrl, String key) {
        if (key == null) {
            return callbackUrl;
        }
        int fragment = callbackUrl.indexOf('#');
        String base = fragment < 0 ? callbackUrl : callbackUrl.substring(0, fragment);
        String rest = fragment < 0 ? "" : callbackUrl.substring(fragment);
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + separator + CALLBACK_KEY_PARAMETER + "="
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + rest;
    }

    private static SmsResult.Failed connectionFailure(RuntimeException e) {
        Throwable cause = e.getCause() instanceof IOException io ? io : e;
        String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.debugf("Twilio unreachable: %s", message);
        return new SmsResult.Failed(null, message, 0, true);
    }

    private static HttpRoute routeTo(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("twilio.api-base-url must be an http(s) URL: " + baseUrl);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new HttpRoute(new HttpHost(scheme, uri.getHost(), port), null, scheme.equals("https"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A client for one send: shares the connection pool, adds the idempotency header to the request
     * the SDK built, and remembers the HTTP status of the final answer.
     */
    private static final class SendClient extends TwilioRestClient {
        private final String idempotencyKey;
        private Integer lastStatus;

        SendClient(TwilioRestClient.Builder builder, String idempotencyKey) {
            super(builder);
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public Response request(Request request) {
            if (idempotencyKey != null) {
                request.addHeaderParam(IDEMPOTENCY_HEADER, idempotencyKey);
            }
            Response response = super.request(request);
            if (response != null) {
                lastStatus = response.getStatusCode();
            }
            return response;
        }
    }
}
