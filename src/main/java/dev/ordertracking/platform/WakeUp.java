package dev.ordertracking.platform;

import java.time.Duration;

/**
 * Lets whatever just made work in this process wake the workers that wait for it, instead of
 * leaving them asleep until their next poll. Wakes are counted: a worker notes the count before
 * it looks for work and waits only while nothing came since, so a wake in between is not missed.
 */
public class WakeUp {

    private long generation;

    public synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** The wakes so far, to pass to {@link #await} so a wake in between is not missed. */
    public synchronized long generation() {
        return generation;
    }

    /** Waits until woken after {@code seen} or the timeout passes. */
    public synchronized void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
