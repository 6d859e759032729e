package dev.ordertracking.ingest;

import dev.ordertracking.platform.TraceContexts;
import dev.ordertracking.platform.TransientFailures;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka side of ingestion: takes a batch from {@code orders.v1} and {@code shipments.v1}
 * and hands it to the handler. The batch is acknowledged (and its offsets later committed) only
 * after the handler's transaction committed. A database outage is waited out; a record the
 * handler cannot process for any other reason is isolated by splitting the batch and
 * dead-lettered, so one bad record never stalls a partition. When even its dead letter cannot be
 * written (for any reason but an outage), a stripped one is tried, and failing that the record is
 * skipped and reported ({@link UnwritableDeadLetters}).
 */
@ApplicationScoped
public class JourneyEventsConsumer {

    private static final Logger LOG = Logger.getLogger(JourneyEventsConsumer.class);
    private static final long MAX_BACKOFF_MS = 30_000;

    private final IngestBatchHandler handler;
    private final IngestMetrics metrics;
    private final ConsumedEventSpans spans;
    private final UnwritableDeadLetters unwritable;
    private volatile boolean stopping;

    public JourneyEventsConsumer(IngestBatchHandler handler, IngestMetrics metrics, ConsumedEventSpans spans,
                                 UnwritableDeadLetters unwritable) {
        this.handler = handler;
        this.metrics = metrics;
        this.spans = spans;
        this.unwritable = unwritable;
    }

    @Incoming("journey-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
        List<IncomingRecord> records = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> r : batch) {
            List<IncomingRecord.Header> headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(new IncomingRecord.Header(h.key(), h.value()));
            }
            records.add(new IncomingRecord(r.topic(), r.partition(), r.offset(), r.key(), headers, r.value()));
        }
        ConsumedEventSpans.Started traced = spans.start(records);
        try {
            TraceContexts.withCauses(traced.byOrder(), () -> {
                process(records);
                return null;
            });
            traced.end(null);
        } catch (InterruptedException | RuntimeException e) {
            traced.end(e);
            throw e;
        } catch (Exception e) {
            traced.end(e);
            throw new IllegalStateException(e);
        }
    }

    void process(List<IncomingRecord> records) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                long start = System.nanoTime();
                BatchOutcome outcome = handler.handle(records);
                metrics.batch(records.size(), System.nanoTime() - start);
                metrics.record(outcome);
                return;
            } catch (Exception e) {
                if (TransientFailures.isTransient(e)) {
                    waitBeforeRetry(e, backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                } else if (records.size() > 1) {
                    // Find the record that fails by halving; the others still go through.
                    LOG.warnf("Batch of %d failed (%s); splitting it to isolate the cause", records.size(), e);
                    process(records.subList(0, records.size() / 2));
                    process(records.subList(records.size() / 2, records.size()));
                    return;
                } else {
                    deadLetterAfterFailure(records.get(0), e);
                    return;
                }
            }
        }
    }

    private void deadLetterAfterFailure(IncomingRecord record, Exception cause) throws InterruptedException {
        LOG.errorf(cause, "Record %s could not be processed; dead-lettering it", record.coordinates());
        String reason = "processing failed: " + cause;
        Exception failure = untilNotTransient(() -> handler.deadLetter(record, reason));
        if (failure != null) {
            LOG.errorf(failure, "Record %s could not be dead-lettered; trying without its key and headers",
                    record.coordinates());
            failure = untilNotTransient(() -> handler.deadLetterStripped(record, reason));
        }
        if (failure == null) {
            metrics.deadLetteredAfterFailure(record);
        } else {
            unwritable.skipped(record, reason, failure);
        }
    }

    /** Runs the write, waiting out outages; returns null when it succeeded, else why it cannot. */
    private Exception untilNotTransient(DeadLetterWrite write) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                write.run();
                return null;
            } catch (Exception e) {
                if (!TransientFailures.isTransient(e)) {
                    return e;
                }
                waitBeforeRetry(e, backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private interface DeadLetterWrite {
        void run() throws Exception;
    }

    private void waitBeforeRetry(Exception e, long backoffMs) throws InterruptedException {
        if (stopping) {
            // Not acknowledged: the batch is redelivered after restart and deduplicated.
            throw new IllegalStateException("shutting down before the batch could be stored", e);
        }
        LOG.warnf("Storing a batch failed (%s); retrying in %d ms", rootMessage(e), backoffMs);
        Thread.sleep(backoffMs);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
