package dev.ordertracking.journey;

import java.util.Optional;

/**
 * What one batch of events changed in a journey. Derived by comparing the journey before and
 * after, so a redelivered or reordered event can never announce the same change twice.
 */
public record JourneyChange(Optional<Journey> before, Journey after) {

    /** The order became delivered with these events (and was not before). */
    public boolean becameDelivered() {
        return after.isDelivered() && before.map(b -> !b.isDelivered()).orElse(true);
    }
}
