package dev.ordertracking.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Locale;

/**
 * Says whether SMS and e-mail can be sent. A missing provider is a warning, not a failure: the
 * service keeps tracking orders and keeps the messages until the provider is configured, so the
 * check stays UP and names what waits.
 */
@Readiness
@ApplicationScoped
public class NotificationProvidersHealthCheck implements HealthCheck {

    private final NotificationDispatcher dispatcher;
    private final NotificationLedger ledger;

    public NotificationProvidersHealthCheck(NotificationDispatcher dispatcher, NotificationLedger ledger) {
        this.dispatcher = dispatcher;
        this.ledger = ledger;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("notification-providers").up();
        StringBuilder warning = new StringBuilder();
        for (Channel channel : Channel.values()) {
            String name = channel.name().toLowerCase(Locale.ROOT);
            boolean configured = dispatcher.configured(channel);
            response.withData(name, configured ? "configured" : "NOT CONFIGURED");
            if (!configured) {
                long waiting;
                try {
                    waiting = QuarkusTransaction.requiringNew().call(() -> ledger.waitingForProvider(channel));
                } catch (Exception e) {
                    waiting = -1;
                }
                response.withData(name + ".waiting", waiting);
                warning.append(warning.length() == 0 ? "" : "; ").append(channel)
                        .append(" provider not configured, messages wait (").append(waiting).append(")");
            }
        }
        if (warning.length() > 0) {
            response.withData("warning", warning.toString());
        }
        return response.build();
    }
}
