package dev.ordertracking.notification;

import dev.ordertracking.journey.RecordedEvent;

/**
 * A milestone an order reached with a batch of events.
 *
 * @param shipmentId the parcel it is about, null for order milestones
 * @param cause      the event that made it happen; its {@code live} flag decides whether anyone hears of it
 */
public record MilestoneReached(Milestone milestone, String shipmentId, RecordedEvent cause) {
}
