package dev.ordertracking.notification;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Wakes every dispatcher loop of this process when it has just committed messages that are due. */
@ApplicationScoped
public class NotificationSignal {

    private long generation;

    public synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** The current generation, to pass to {@link #await} so a wake in between is not missed. */
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
