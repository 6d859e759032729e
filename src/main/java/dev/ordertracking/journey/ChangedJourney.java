package dev.ordertracking.journey;

import java.util.List;

/** A journey a batch changed, with all its recorded events (the batch's new ones included). */
public record ChangedJourney(JourneyChange change, List<RecordedEvent> events) {
}
