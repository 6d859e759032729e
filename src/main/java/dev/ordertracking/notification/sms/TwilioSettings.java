package dev.ordertracking.notification.sms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Twilio credentials and sender, under {@code twilio.*}. Everything is optional: without an account
 * SID, an auth token and a sender ({@code from} or {@code messaging-service-sid}) the service starts
 * and SMS are simply not sent ({@link SmsResult.NotConfigured}).
 */
@ConfigMapping(prefix = "twilio")
public interface TwilioSettings {

    Optional<String> accountSid();

    Optional<String> authToken();

    /** Sender phone number (E.164) or alphanumeric sender id; used when no messaging service is set. */
    Optional<String> from();

    /** Messaging service (MG...); preferred over {@link #from()} when both are set. */
    Optional<String> messagingServiceSid();

    /**
     * Where the SDK's requests go. Only scheme, host and port count: the SDK still builds the real
     * request path. Tests and local runs point it at a local stand-in.
     */
    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();

    /** Twilio posts message status changes here; the idempotency key is appended as {@code key}. */
    Optional<String> statusCallbackUrl();

    /** Connect, read and pool wait timeout of one HTTP request to Twilio. */
    @WithDefault("PT10S")
    Duration timeout();

    /**
     * The public base URL Twilio calls our webhooks at (e.g. https://tracking.shop.example), needed
     * to check signatures behind a proxy; when absent, the URL of the request as received is used.
     */
    Optional<String> webhookBaseUrl();

    /** Whether SMS can be sent at all: credentials and a sender are present. */
    default boolean configured() {
        Predicate<Optional<String>> present = v -> v.filter(s -> !s.isBlank()).isPresent();
        return present.test(accountSid()) && present.test(authToken())
                && (present.test(from()) || present.test(messagingServiceSid()));
    }
}
