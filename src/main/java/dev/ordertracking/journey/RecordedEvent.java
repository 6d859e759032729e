package dev.ordertracking.journey;

import java.time.Instant;

/**
 * An accepted event as the journey sees it.
 *
 * @param live false when it was older than the staleness window on arrival: it updates the
 *             history but must never make anything customer-facing happen
 */
public record RecordedEvent(String eventId, String type, Instant occurredAt, Instant receivedAt, boolean live,
                            JourneyFact fact) {
}
