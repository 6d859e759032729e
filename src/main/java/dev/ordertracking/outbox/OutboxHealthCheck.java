package dev.ordertracking.outbox;

import dev.ordertracking.platform.TrackingConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The outbox backlog: readiness says so when messages stop leaving; also exported as gauges. */
@Readiness
@Startup
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration maxAge;

    public OutboxHealthCheck(AgroalDataSource dataSource, OutboxRelay relay, Clock clock, TrackingConfig config,
                             MeterRegistry registry) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), min(created_at) from outbox")) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds());
            return new Backlog(rs.getLong(1), age);
        } catch (SQLException e) {
            return new Backlog(-1, -1);
        }
    }

    record Backlog(long rows, long oldestAgeSeconds) {
    }
}
