package dev.ordertracking.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counters per topic and event type: consumed, duplicate, dead-lettered, skipped. */
@ApplicationScoped
public class IngestMetrics {

    /** Unknown types are free text from producers; cap them so metrics cannot explode. */
    private static final int MAX_SKIPPED_TYPES = 50;

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Size and duration of each committed batch: how well the transactions are amortised. */
    public void batch(int records, long nanos) {
        io.micrometer.core.instrument.DistributionSummary.builder("tracking.ingest.batch.records")
                .register(registry).record(records);
        io.micrometer.core.instrument.Timer.builder("tracking.ingest.batch.duration")
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void record(BatchOutcome outcome) {
        outcome.applied().forEach(a -> count("tracking.events.consumed", a.record().topic(), a.type()));
        outcome.duplicates().forEach(a -> count("tracking.events.duplicates", a.record().topic(), a.type()));
        outcome.rejected().forEach(r -> count("tracking.events.dead.lettered", r.record().topic(), "invalid"));
        outcome.skipped().forEach(s -> count("tracking.events.skipped", s.record().topic(), skippedType(s.type())));
    }

    public void deadLetteredAfterFailure(IncomingRecord record) {
        count("tracking.events.dead.lettered", record.topic(), "processing_failed");
    }

    private String skippedType(String type) {
        String key = "tracking.events.skipped|";
        long known = counters.keySet().stream().filter(k -> k.startsWith(key)).count();
        return known < MAX_SKIPPED_TYPES || counters.keySet().stream().anyMatch(k -> k.endsWith("|" + type))
                ? type : "other";
    }

    private void count(String name, String topic, String type) {
        counters.computeIfAbsent(name + "|" + topic + "|" + type,
                k -> Counter.builder(name).tag("topic", topic).tag("type", type).register(registry)).increment();
    }
}
