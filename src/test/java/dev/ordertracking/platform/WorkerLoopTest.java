package dev.ordertracking.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's rules, run on the test's own thread with its waits recorded instead of slept: rests
 * as long as a round asks, backs off on failures, ends on stop or interrupt.
 */
class WorkerLoopTest {

    private static final Duration CAP = Duration.ofSeconds(1);

    /** The loop's waits, in order; the wake-up count a round sees is {@link #generation}. */
    private static final class RecordedPauses implements WorkerLoop.Pauses {
        final List<String> waits = new ArrayList<>();
        long generation;
        boolean stopped;

        @Override
        public long seen() {
            return generation;
        }

        @Override
        public void rest(long seen, Duration atMost) {
            waits.add("rest " + atMost.toMillis() + " ms, woken after " + seen);
        }

        @Override
        public void backOff(Duration pause) {
            waits.add("back off " + pause.toMillis() + " ms");
        }

        @Override
        public void stopping() {
            stopped = true;
        }
    }

    /** A round's script step: returns its rest or throws. */
    private interface Step {
        Duration run() throws Exception;
    }

    private final RecordedPauses pauses = new RecordedPauses();
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Exception> failures = new ArrayList<>();
    private WorkerLoop loop;

    /** A loop whose rounds follow the script and stop it when the script is used up. */
    private WorkerLoop loop(Step... steps) {
        script.addAll(List.of(steps));
        loop = new WorkerLoop("test-loop", "Testing", pauses, CAP, () -> {
            Step next = script.poll();
            if (next == null) {
                loop.stop();
                return Duration.ZERO;
            }
            return next.run();
        }).onFailure(failures::add);
        return loop;
    }

    private static Step rest(Duration d) {
        return () -> d;
    }

    private static Step fail(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void restsAsLongAsTheRoundAsksAndGoesAgainAtOnceAfterARoundThatAsksNoRest() {
        loop(rest(Duration.ofSeconds(1)), rest(Duration.ZERO), rest(Duration.ZERO), rest(Duration.ofMillis(300)))
                .runHere();
        assertEquals(List.of("rest 1000 ms, woken after 0", "rest 300 ms, woken after 0"), pauses.waits);
    }

    @Test
    void aWakeUpDuringTheRoundEndsTheRestThatFollows() {
        // The rest is told the count noted before the round, so a wake-up during it ends the rest at once.
        loop(() -> {
            pauses.generation++;
            return Duration.ofMinutes(5);
        }).runHere();
        assertEquals(List.of("rest 300000 ms, woken after 0"), pauses.waits);
    }

    @Test
    void failuresInARowBackOffDoublingUpToTheCapAndASuccessStartsOver() {
        loop(fail("1"), fail("2"), fail("3"), fail("4"), fail("5"), rest(Duration.ZERO), fail("6")).runHere();
        assertEquals(List.of("back off 200 ms", "back off 400 ms", "back off 800 ms", "back off 1000 ms",
                "back off 1000 ms", "back off 200 ms"), pauses.waits);
    }

    @Test
    void everyFailureIsReportedBeforeTheLoopBacksOff() {
        loop(fail("database down"), rest(Duration.ZERO)).runHere();
        assertEquals(1, failures.size());
        assertEquals("database down", failures.get(0).getMessage());
    }

    @Test
    void aFailureWhileStoppingEndsTheLoopWithoutBackingOff() {
        loop(() -> {
            loop.stop();
            throw new IllegalStateException("pool closed");
        }, rest(Duration.ZERO)).runHere();
        assertEquals(List.of(), pauses.waits);
        assertEquals(List.of(), failures);
        assertEquals(1, script.size(), "no round after the stop");
    }

    @Test
    void anInterruptEndsTheLoopAndKeepsTheInterruptFlag() {
        loop(() -> {
            throw new InterruptedException();
        }, rest(Duration.ZERO)).runHere();
        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(1, script.size(), "no round after the interrupt");
        assertEquals(List.of(), failures);
    }

    @Test
    void stoppingEndsEveryWaitAndNoRestFollowsTheRoundThatStopped() {
        loop(() -> {
            loop.stop();
            return Duration.ofMinutes(5);
        }).runHere();
        assertTrue(pauses.stopped);
        assertFalse(loop.running());
        assertEquals(List.of(), pauses.waits);
    }

    @Test
    void aStartedLoopResting5MinutesStopsAtOnce() throws Exception {
        CountDownLatch firstRound = new CountDownLatch(1);
        WorkerLoop resting = new WorkerLoop("resting-loop", "Resting", new WakeUp(), CAP, () -> {
            firstRound.countDown();
            return Duration.ofMinutes(5);
        });
        resting.start();
        assertTrue(firstRound.await(30, TimeUnit.SECONDS));
        assertTimeoutPreemptively(Duration.ofSeconds(30), resting::stop);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("resting-loop") && t.isAlive()), "the thread ended");
        assertThrows(IllegalStateException.class, resting::start, "a stopped loop stays stopped");
    }

    @Test
    void aStoppedLoopsPausesReturnAtOnce() {
        WakeUp wakeUp = new WakeUp();
        WorkerLoop.Blocking blocking = new WorkerLoop.Blocking(wakeUp);
        long seen = blocking.seen();
        blocking.stopping();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            blocking.backOff(Duration.ofHours(1));
            blocking.rest(seen, Duration.ofHours(1));
        });
    }

    @Test
    void aWakeUpBeforeTheRestEndsItAtOnce() {
        WakeUp wakeUp = new WakeUp();
        long seen = wakeUp.generation();
        wakeUp.wake();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> wakeUp.await(seen, Duration.ofHours(1)));
    }
}
