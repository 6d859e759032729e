package dev.ordertracking.ingest;

import dev.ordertracking.platform.ContactMasking;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records that could neither be processed nor dead-lettered, not even stripped of their key and
 * headers. They are skipped so their partition moves on; each is counted
 * ({@code tracking_events_dead_letter_failed_total} by topic), logged with its coordinates (the log
 * masks contacts) and reported by the {@code Dead letters} health check until the replica restarts.
 */
@ApplicationScoped
public class UnwritableDeadLetters {

    private static final Logger LOG = Logger.getLogger(UnwritableDeadLetters.class);

    /** The last one, for the health check. */
    public record Last(String coordinates, Instant at, String reason, String error) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    private volatile Last last;

    public UnwritableDeadLetters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public void skipped(IncomingRecord record, String reason, Exception failure) {
        String key = record.key() == null ? null : JsonFields.shorten(DeadLetterService.storable(record.key()));
        String error = ContactMasking.mask(DeadLetterService.reason(rootMessage(failure)));
        String why = ContactMasking.mask(DeadLetterService.reason(reason));
        LOG.errorf("Record %s (key %s) could not be dead-lettered and is skipped: %s; it was rejected because: %s",
                record.coordinates(), key, error, why);
        counters.computeIfAbsent(record.topic(), topic -> Counter.builder("tracking.events.dead.letter.failed")
                .description("records skipped because even their dead letter could not be written")
                .tag("topic", topic).register(registry)).increment();
        count.incrementAndGet();
        last = new Last(record.coordinates(), clock.instant(), why, error);
    }

    public long count() {
        return count.get();
    }

    public Last last() {
        return last;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
