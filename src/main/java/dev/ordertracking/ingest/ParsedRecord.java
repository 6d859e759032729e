package dev.ordertracking.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordertracking.journey.JourneyFact;

import java.time.Instant;

/** What a record turned out to be. */
public sealed interface ParsedRecord {

    IncomingRecord record();

    /** A valid contract event. {@code data} is kept as received (unknown fields included). */
    record Accepted(IncomingRecord record, String id, String type, String source, Instant time, String subject,
                    JsonNode data, JourneyFact fact) implements ParsedRecord {
    }

    /** Bad input: goes to the dead-letter topic with the reason. */
    record Rejected(IncomingRecord record, String reason) implements ParsedRecord {
    }

    /** A well-formed event of a type this version does not know: skipped and counted. */
    record Skipped(IncomingRecord record, String type) implements ParsedRecord {
    }
}
