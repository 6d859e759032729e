package dev.ordertracking.notification;

import java.time.Instant;

/**
 * A change of a message's status, with what the provider said. Null fields leave the stored value
 * as it is (provider id, next attempt) or clear it (error code and message).
 */
public record Transition(NotificationStatus status, String reason, Instant nextAttemptAt, String providerId,
                         String providerStatus, String errorCode, String errorMessage, Instant acceptedAt) {

    /** Error code kept when the provider could not be reached, or did not answer: the send is in doubt. */
    public static final String CONNECTION_LOST = "CONNECTION";

    public static Transition to(NotificationStatus status, String reason) {
        return new Transition(status, reason, null, null, null, null, null, null);
    }

    public static Transition later(NotificationStatus status, String reason, Instant due) {
        return new Transition(status, reason, due, null, null, null, null, null);
    }

    public static Transition accepted(NotificationStatus status, String providerId, String providerStatus, Instant at) {
        return new Transition(status, null, null, providerId, providerStatus, null, null, at);
    }

    public static Transition failed(NotificationStatus status, String reason, Instant due, String code, String message) {
        return new Transition(status, reason, due, null, null, code, message, null);
    }
}
