package dev.ordertracking.notification;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of initial * 2^(n-1),
 * capped, so retries of many messages failed at once spread out instead of arriving together.
 */
public record Backoff(Duration initial, Duration max) {

    public Duration delay(int attempt, RandomGenerator random) {
        long cap = max.toMillis();
        long base = initial.toMillis();
        long exponential = attempt >= 40 ? cap : Math.min(cap, base * (1L << Math.max(0, attempt - 1)));
        long half = exponential / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
