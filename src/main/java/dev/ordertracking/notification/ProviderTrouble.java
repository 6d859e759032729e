package dev.ordertracking.notification;

import dev.ordertracking.platform.ContactMasking;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this replica saw of each provider lately: since when sends fail (transient failures in a
 * row, reset by the next success), how often, and the last error. Read by the health check so an
 * outage is visible while it lasts. Providers' errors often quote the recipient ("... +447700900123
 * is not reachable"); the health endpoint is no place for contacts, so the error is kept masked as in the logs.
 */
@ApplicationScoped
public class ProviderTrouble {

    /** A run of failures that has not ended yet. */
    public record Failing(Instant since, int failures, String lastError, Instant lastErrorAt) {
    }

    private final Map<Channel, Failing> failing = new EnumMap<>(Channel.class);

    public synchronized void succeeded(Channel channel) {
        failing.remove(channel);
    }

    public synchronized void failed(Channel channel, String code, String message, Instant at) {
        String error = ContactMasking.mask(code + (message == null ? "" : ": " + message));
        failing.merge(channel, new Failing(at, 1, error, at),
                (old, now) -> new Failing(old.since(), old.failures() + 1, error, at));
    }

    public synchronized Optional<Failing> failing(Channel channel) {
        return Optional.ofNullable(failing.get(channel));
    }
}
