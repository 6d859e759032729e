package dev.ordertracking.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What follows a failed attempt that may work later (the provider unreachable or busy): another
 * one after a growing, jittered pause ({@link Backoff}), until the attempts run out.
 */
public final class Retries {

    private final int maxAttempts;
    private final Backoff backoff;
    private final RandomGenerator random;

    public Retries(int maxAttempts, Backoff backoff, RandomGenerator random) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.random = random;
    }

    /** After the message's latest attempt failed with this code and message. */
    public SendDecision.Settled after(ClaimedNotification n, String code, String message, Instant now) {
        if (n.attempts() >= maxAttempts) {
            return new SendDecision.GiveUp("gave up after " + n.attempts() + " attempts", code, message);
        }
        Duration delay = backoff.delay(n.attempts(), random);
        return new SendDecision.Retry(now.plus(delay), "attempt " + n.attempts() + " failed; next in "
                + delay.toSeconds() + " s", code, message);
    }
}
