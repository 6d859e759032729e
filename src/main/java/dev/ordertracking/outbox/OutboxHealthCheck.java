package dev.ordertracking.outbox;

import dev.ordertracking.platform.TrackingSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The outbox backlog: readiness says so when messages stop leaving; also exported as gauges. */
@Readiness
@Startup
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxStore store;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration maxAge;

    public OutboxHealthCheck(OutboxStore store, OutboxRelay relay, Clock clock, TrackingSettings config,
                             MeterRegistry registry) {
        this.store = store;
        this.relay = relay;
        this.clock = clock;
        this.maxAge = config.outbox().maxBacklogAge();
        Gauge.builder("tracking.outbox.backlog", this, h -> h.backlog().rows()).register(registry);
        Gauge.builder("tracking.outbox.oldest.age.seconds", this, h -> h.backlog().oldestAgeSeconds()).register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Outbox relay");
        Backlog backlog = backlog();
        response.withData("backlog", backlog.rows()).withData("oldestAgeSeconds", backlog.oldestAgeSeconds());
        if (relay.lastError() != null) {
            response.withData("lastError", relay.lastError());
        }
        return response.status(backlog.oldestAgeSeconds() <= maxAge.toSeconds()).build();
    }

    Backlog backlog() {
        try {
            OutboxStore.Backlog stored = store.backlog();
            Instant oldest = stored.oldestCreatedAt();
            long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
            return new Backlog(stored.rows(), age);
        } catch (SQLException e) {
            return new Backlog(-1, -1);
        }
    }

    record Backlog(long rows, long oldestAgeSeconds) {
    }
}
