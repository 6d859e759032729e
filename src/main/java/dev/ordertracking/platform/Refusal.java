package dev.ordertracking.platform;

import java.util.Map;

/**
 * Why the service will not do what it was asked, said by the services that decide it; they know
 * nothing of HTTP. The API answers a refusal as problem+json ({@link ProblemMappers}), the console
 * shows it on its page. The message is written for the caller; details are facts they can act on.
 */
public abstract sealed class Refusal extends RuntimeException
        permits Refusal.Unknown, Refusal.Conflict, Refusal.InvalidRequest, Refusal.LimitReached {

    private final Map<String, Object> details;

    private Refusal(String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.details = Map.copyOf(details);
    }

    public Map<String, Object> details() {
        return details;
    }

    /** What the request names does not exist: an order, an incident, a message, a follow-up. */
    public static final class Unknown extends Refusal {
        public Unknown(String message) {
            super(message, Map.of());
        }
    }

    /** The request does not fit the state things are in: done already, cancelled, or taken meanwhile. */
    public static final class Conflict extends Refusal {
        public Conflict(String message) {
            super(message, Map.of());
        }
    }

    /** The request itself is wrong: a value missing, out of range or of the wrong form. */
    public static final class InvalidRequest extends Refusal {
        public InvalidRequest(String message) {
            super(message, Map.of());
        }
    }

    /** Allowed, but not this often; the details say the limit and when the next one fits. */
    public static final class LimitReached extends Refusal {
        public LimitReached(String message, Map<String, Object> details) {
            super(message, details);
        }
    }
}
