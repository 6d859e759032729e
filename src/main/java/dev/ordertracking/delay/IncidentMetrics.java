package dev.ordertracking.delay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Incidents opened by cause and reason ({@code tracking.incidents.opened}), coupons issued by kind
 * ({@code tracking.coupons.issued}) and the detection lag from a sign becoming knowable to the
 * incident ({@code tracking.incident.detection.lag}).
 */
@ApplicationScoped
public class IncidentMetrics {

    private final MeterRegistry registry;

    public IncidentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void opened(Incident incident, Duration lag) {
        Counter.builder("tracking.incidents.opened").description("Incidents opened")
                .tag("cause", incident.cause().name()).tag("reason", incident.reason().name())
                .register(registry).increment();
        if (incident.live()) {
            Timer.builder("tracking.incident.detection.lag")
                    .description("From a sign of trouble becoming knowable to its incident")
                    .tag("cause", incident.cause().name())
                    .publishPercentiles(0.5, 0.99)
                    .register(registry)
                    .record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    void couponIssued(String kind, boolean dryRun) {
        Counter.builder("tracking.coupons.issued").description("Coupons issued (dry run: recorded only)")
                .tag("kind", kind).tag("dry_run", String.valueOf(dryRun))
                .register(registry).increment();
    }
}
