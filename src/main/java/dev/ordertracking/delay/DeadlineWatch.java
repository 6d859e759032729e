package dev.ordertracking.delay;

import dev.ordertracking.platform.WakeUp;
import dev.ordertracking.platform.WorkerLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the durable deadlines: takes the due ones in batches (each in its own transaction, safe
 * with several replicas), then sleeps until the next deadline or at most the check interval.
 */
@ApplicationScoped
public class DeadlineWatch {

    private static final Logger LOG = Logger.getLogger(DeadlineWatch.class);

    private final DelayHandling handling;
    private final DeadlineStore store;
    private final DelaySettings.Deadlines settings;
    private final Clock clock;
    private final WakeUp wakeUp = new WakeUp();
    private final List<WorkerLoop> loops = new ArrayList<>();

    public DeadlineWatch(DelayHandling handling, DeadlineStore store, DelaySettings settings, Clock clock) {
        this.handling = handling;
        this.store = store;
        this.settings = settings.deadlines();
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("The deadline watch is turned off (tracking.delays.deadlines.enabled=false)");
            return;
        }
        for (int i = 0; i < settings.threads(); i++) {
            WorkerLoop loop = new WorkerLoop("deadline-watch-" + i, "Checking deadlines", wakeUp,
                    settings.checkInterval(), () -> {
                checkNow();
                return untilNext();
            });
            loops.add(loop);
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        WorkerLoop.stopAll(loops);
    }

    /** Looks again at once (the watch may be sleeping towards a deadline computed on an earlier clock). */
    public void wake() {
        wakeUp.wake();
    }

    /** Handles every deadline due now, batch by batch; returns how many were taken. */
    public int checkNow() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            int taken = QuarkusTransaction.requiringNew().call(() -> handling.onDeadlines(now, settings.batchSize()));
            total += taken;
            if (taken < settings.batchSize()) {
                return total;
            }
        }
    }

    /** Until the earliest deadline, but never longer than the check interval (new deadlines may come earlier). */
    private Duration untilNext() throws Exception {
        Instant next = QuarkusTransaction.requiringNew().call(store::next);
        Duration max = settings.checkInterval();
        if (next == null) {
            return max;
        }
        Duration until = Duration.between(clock.instant(), next);
        // A due deadline left behind (its order busy elsewhere) is retried soon, not in a tight loop.
        Duration floor = Duration.ofMillis(50);
        return until.compareTo(max) > 0 ? max : until.compareTo(floor) < 0 ? floor : until;
    }
}
