package dev.ordertracking.journey;

import java.time.Instant;

/**
 * An event row of the event store: identity, when it happened and arrived, where it came from, and
 * its {@code data} as JSON text (kept as received).
 */
public record StoredEvent(String eventId, String orderId, String type, String source, Instant occurredAt,
                          Instant receivedAt, boolean live, String originTopic, int originPartition,
                          long originOffset, String dataJson) {
}
