package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A sign that an order's delivery went or is going wrong.
 *
 * @param estimate the carrier's estimate this sign carried, or null
 * @param eventId  the event it came from; null for deadlines and support
 * @param signalAt when it became knowable: the event's time, or the deadline
 * @param live     false for history (a replayed event, a deadline long past): recorded, nobody messaged
 */
public record DelaySignal(SignalKind kind, IncidentCause cause, IncidentReason reason, String shipmentId,
                          LocalDate estimate, String detail, String eventId, Instant signalAt, boolean live) {
}
