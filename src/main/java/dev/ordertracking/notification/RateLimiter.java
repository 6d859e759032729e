package dev.ordertracking.notification;

/**
 * At most {@code perSecond} permits a second, handed out evenly (a send every 1/rate seconds),
 * so a burst of due SMS does not trip the provider's rate limit.
 */
final class RateLimiter {

    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimiter(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            // Unused time is not saved up beyond one second, so an idle hour does not allow a burst.
            next = Math.max(next, now - 1_000_000_000L + intervalNanos);
            wait = next - now;
            next += intervalNanos;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
