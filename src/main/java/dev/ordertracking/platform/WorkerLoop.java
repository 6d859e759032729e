package dev.ordertracking.platform;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A background worker: a named daemon thread that runs rounds until shutdown. After a round it
 * goes again at once or rests as long as the round asked, waking early when its {@link WakeUp}
 * is woken (new work in this process). A failed round is logged and tried again after a pause
 * that starts at 200 ms and doubles up to a cap, so an outage neither spins nor floods the log.
 * Stopping ends the rest or pause at once and lets the current round finish.
 */
public final class WorkerLoop {

    private static final Logger LOG = Logger.getLogger(WorkerLoop.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /** Does the work there is; returns how long the loop may rest before the next round (zero: none). */
        Duration run() throws Exception;
    }

    /** How the loop waits between rounds: blocking in production, recorded in a unit test. */
    interface Pauses {
        /** The wake-ups so far, noted before a round so one during the round is not missed. */
        long seen();

        /** Rests until woken after {@code seen}, stopped, or {@code atMost} passed. */
        void rest(long seen, Duration atMost) throws InterruptedException;

        /** Pauses after a failure; only stopping cuts it short (wake-ups do not). */
        void backOff(Duration pause) throws InterruptedException;

        /** Ends every rest and pause, now and later. */
        void stopping();
    }

    private final String name;
    private final String activity;
    private final Pauses pauses;
    private final Duration maxBackoff;
    private final Round round;
    private volatile Consumer<Exception> failureListener = e -> {
    };
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name       the thread's name
     * @param activity   what a round does, for the log ("Dispatching SMS" failed, trying again ...)
     * @param wakeUp     ends a rest early
     * @param maxBackoff the longest pause after failures in a row
     */
    public WorkerLoop(String name, String activity, WakeUp wakeUp, Duration maxBackoff, Round round) {
        this(name, activity, new Blocking(wakeUp), maxBackoff, round);
    }

    WorkerLoop(String name, String activity, Pauses pauses, Duration maxBackoff, Round round) {
        this.name = name;
        this.activity = activity;
        this.pauses = pauses;
        this.maxBackoff = maxBackoff;
        this.round = round;
    }

    /** Told of every failed round before the loop pauses (a health check shows the last error, say). */
    public WorkerLoop onFailure(Consumer<Exception> listener) {
        this.failureListener = listener;
        return this;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " was started already");
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop and waits a while for its current round to end. A stopped loop stays stopped. */
    public void stop() throws InterruptedException {
        stopAll(List.of(this));
    }

    /**
     * Stops loops together: all are told first, so a loop woken by another's stop (they may share
     * a {@link WakeUp}) does not start another round; then each is waited for.
     */
    public static void stopAll(Collection<WorkerLoop> loops) throws InterruptedException {
        loops.forEach(WorkerLoop::tellToStop);
        for (WorkerLoop loop : loops) {
            loop.awaitEnd();
        }
    }

    private void tellToStop() {
        running = false;
        pauses.stopping();
    }

    private void awaitEnd() throws InterruptedException {
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started != null && started != Thread.currentThread()) {
            started.join(STOP_GRACE.toMillis());
        }
    }

    public boolean running() {
        return running;
    }

    /** Runs the rounds on the calling thread until stopped (a unit test's way in). */
    void runHere() {
        running = true;
        run();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try {
                long seen = pauses.seen();
                Duration rest = round.run();
                backoff = FIRST_BACKOFF;
                if (running && !rest.isZero() && !rest.isNegative()) {
                    pauses.rest(seen, rest);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return; // failures while shutting down (pools closing) are expected
                }
                failureListener.accept(e);
                LOG.warnf("%s failed, trying again in %d ms: %s", activity, backoff.toMillis(), e.toString());
                try {
                    pauses.backOff(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
            }
        }
    }

    /** Rests on the {@link WakeUp}; pauses after failures on a latch that stopping opens. */
    static final class Blocking implements Pauses {

        private final WakeUp wakeUp;
        private final CountDownLatch stopped = new CountDownLatch(1);

        Blocking(WakeUp wakeUp) {
            this.wakeUp = wakeUp;
        }

        @Override
        public long seen() {
            return wakeUp.generation();
        }

        @Override
        public void rest(long seen, Duration atMost) throws InterruptedException {
            wakeUp.await(seen, atMost);
        }

        @Override
        public void backOff(Duration pause) throws InterruptedException {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void stopping() {
            stopped.countDown();
            wakeUp.wake();
        }
    }
}
