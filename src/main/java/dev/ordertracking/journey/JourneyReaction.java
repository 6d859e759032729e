package dev.ordertracking.journey;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What a feature does when a batch of events changes journeys. The ingestion calls every reaction
 * inside the batch's transaction, after the events and journeys are written, in ascending
 * {@link #order()}; a new feature is a new reaction, not an edit of the ingestion.
 *
 * <p>A reaction that throws rolls the whole batch back (events, journeys, dead letters and every
 * other reaction's writes): a transient failure retries the batch, any other failure splits it
 * until the one record that fails is dead-lettered, so nothing is half-applied.
 */
public interface JourneyReaction {

    /** The stated order: what the world is told first, then what follows from it. */
    int PUBLISHED_EVENTS = 100;
    int NOTIFICATIONS = 200;
    int DELAYS = 300;
    int COMPENSATION = 400;
    /** Last: it learns from hand-overs and deliveries (rows every replica updates) just before the commit. */
    int FORECAST = 500;

    /** Where this reaction runs among the others; each reaction has its own value. */
    int order();

    /** Reacts to the journeys this batch changed, in the batch's transaction. */
    void onChanges(List<ChangedJourney> changes, Instant now) throws SQLException;
}
