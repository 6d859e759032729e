package dev.ordertracking.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says when records were skipped because even their dead letter could not be written. It stays UP:
 * the replica still consumes and serves, so taking it out of service would not help; the
 * {@code warning} and {@code tracking_events_dead_letter_failed_total} are what to alert on.
 */
@Readiness
@ApplicationScoped
public class DeadLetterHealthCheck implements HealthCheck {

    private final UnwritableDeadLetters unwritable;

    public DeadLetterHealthCheck(UnwritableDeadLetters unwritable) {
        this.unwritable = unwritable;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Dead letters").up();
        long skipped = unwritable.count();
        response.withData("unwritableSkipped", skipped);
        UnwritableDeadLetters.Last last = unwritable.last();
        if (last != null) {
            response.withData("warning", skipped + " record(s) could not be dead-lettered and were skipped; "
                            + "the log names each (\"could not be dead-lettered\")")
                    .withData("lastSkipped", last.coordinates())
                    .withData("lastSkippedAt", last.at().toString())
                    .withData("lastError", last.error());
        }
        return response.build();
    }
}
