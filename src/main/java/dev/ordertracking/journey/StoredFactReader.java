package dev.ordertracking.journey;

/**
 * Reads a stored event's data back into the fact it recorded. The contract's reader belongs to
 * the ingestion, which implements this; the journey only needs the facts.
 */
public interface StoredFactReader {

    /** The fact of an event that was valid when accepted; failing here is a bug, not bad input. */
    JourneyFact read(StoredEvent event);
}
