package dev.ordertracking.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Messages by channel, milestone and status ({@code tracking.notifications}: one count each time a
 * message enters a status) and the time from the causing event's arrival to the provider's
 * acceptance ({@code tracking.notification.acceptance.latency}).
 */
@ApplicationScoped
public class NotificationMetrics {

    private final MeterRegistry registry;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void created(Channel channel, Milestone milestone, NotificationStatus status) {
        transitioned(channel, milestone, status);
    }

    public void transitioned(Channel channel, Milestone milestone, NotificationStatus status) {
        Counter.builder("tracking.notifications")
                .description("Customer messages entering a status")
                .tag("channel", channel.name())
                .tag("milestone", milestone.name())
                .tag("status", status.name())
                .register(registry)
                .increment();
    }

    public void acceptedAfter(Channel channel, Duration sinceEvent) {
        Timer.builder("tracking.notification.acceptance.latency")
                .description("From the causing event's arrival to the provider accepting the message")
                .tag("channel", channel.name())
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }
}
