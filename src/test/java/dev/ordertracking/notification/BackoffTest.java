package dev.ordertracking.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15));

    @Test
    void doublesWithJitterAndStopsAtTheCap() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 50; attempt++) {
            long full = Math.min(Duration.ofMinutes(15).toMillis(), 5_000L * (1L << Math.min(attempt - 1, 30)));
            for (int i = 0; i < 100; i++) {
                long d = backoff.delay(attempt, random).toMillis();
                assertTrue(d >= full / 2 && d <= full, "attempt " + attempt + ": " + d + " within [" + full / 2 + ", " + full + "]");
            }
        }
    }

    @Test
    void jitterSpreadsRetries() {
        Random random = new Random(11);
        long distinct = java.util.stream.IntStream.range(0, 100).mapToLong(i -> backoff.delay(4, random).toMillis())
                .distinct().count();
        assertTrue(distinct > 50, "retries of messages failed together spread out: " + distinct);
    }
}
