package dev.ordertracking.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** After a failure that may pass: another attempt after a growing pause, until the attempts run out. */
class RetriesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    /** Jitter at its lowest: attempt n waits half of 5 s * 2^(n-1), up to a cap of 15 minutes. */
    private final Retries retries = new Retries(8, new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15)),
            () -> 0L);

    private static ClaimedNotification attempt(int n) {
        return new ClaimedNotification(UUID.randomUUID(), "A1001", "C42", Milestone.SHIPPED, Channel.SMS, "S1",
                "A1001/SHIPPED/S1/SMS", "+447700900123", "en-GB", "Europe/London", NotificationStatus.PENDING, n,
                null, null, null, null, NOW, null, NOW, null, null, null, null);
    }

    @Test
    void aFailedAttemptIsTriedAgainAfterAPauseThatDoublesPerAttempt() {
        assertEquals(new SendDecision.Retry(NOW.plusMillis(2500), "attempt 1 failed; next in 2 s", "HTTP 503", "busy"),
                retries.after(attempt(1), "HTTP 503", "busy", NOW));
        assertEquals(new SendDecision.Retry(NOW.plusSeconds(10), "attempt 3 failed; next in 10 s", "HTTP 503", "busy"),
                retries.after(attempt(3), "HTTP 503", "busy", NOW));
        assertEquals(new SendDecision.Retry(NOW.plusSeconds(160), "attempt 7 failed; next in 160 s", null, "timeout"),
                retries.after(attempt(7), null, "timeout", NOW));
    }

    @Test
    void theLastAttemptGivesUp() {
        assertEquals(new SendDecision.GiveUp("gave up after 8 attempts", "HTTP 503", "busy"),
                retries.after(attempt(8), "HTTP 503", "busy", NOW));
    }
}
