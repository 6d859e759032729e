package dev.ordertracking.ingest;

import java.util.List;

/** What one batch did, for metrics and logs. */
public record BatchOutcome(List<ParsedRecord.Accepted> applied, List<ParsedRecord.Accepted> duplicates,
                           List<ParsedRecord.Rejected> rejected, List<ParsedRecord.Skipped> skipped,
                           int journeysUpdated) {
}
