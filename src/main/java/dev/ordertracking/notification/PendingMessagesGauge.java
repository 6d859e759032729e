package dev.ordertracking.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code tracking.notifications.waiting}: messages not sent yet, by channel and status, read from
 * the ledger and cached for a few seconds so a scrape never waits on the database for long.
 */
@ApplicationScoped
public class PendingMessagesGauge {

    private static final Logger LOG = Logger.getLogger(PendingMessagesGauge.class);
    private static final Duration CACHE = Duration.ofSeconds(10);
    private static final Set<NotificationStatus> WAITING = EnumSet.of(NotificationStatus.PENDING,
            NotificationStatus.DEFERRED, NotificationStatus.RETRYING, NotificationStatus.SENDING,
            NotificationStatus.WAITING_FOR_PROVIDER);

    private final NotificationStore ledger;
    private volatile Map<String, Long> counts = Map.of();
    private volatile long readAt;

    public PendingMessagesGauge(NotificationStore ledger) {
        this.ledger = ledger;
    }

    void register(@Observes StartupEvent started, MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            for (NotificationStatus status : WAITING) {
                String key = channel.name() + "/" + status.name();
                Gauge.builder("tracking.notifications.waiting", this, g -> g.count(key))
                        .description("Customer messages not sent yet, by channel and status")
                        .tag("channel", channel.name()).tag("status", status.name())
                        .register(registry);
            }
        }
    }

    private double count(String key) {
        long now = System.nanoTime();
        if (now - readAt > CACHE.toNanos()) {
            synchronized (this) {
                if (now - readAt > CACHE.toNanos()) {
                    counts = read();
                    readAt = System.nanoTime();
                }
            }
        }
        return counts.getOrDefault(key, 0L);
    }

    private Map<String, Long> read() {
        try {
            return ledger.unsentByChannelAndStatus();
        } catch (SQLException e) {
            LOG.debugf("waiting messages not counted: %s", e.getMessage());
            return counts;
        }
    }
}
