package dev.ordertracking.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Locale;

/**
 * Says whether SMS and e-mail can be sent. A missing provider, or one that keeps failing, is a
 * warning, not a failure: the service keeps tracking orders and keeps the messages (retried with
 * backoff) until the provider works, so the check stays UP and names what is wrong and what waits.
 */
@Readiness
@ApplicationScoped
public class NotificationProvidersHealthCheck implements HealthCheck {

    private final ProviderCalls providers;
    private final NotificationStore ledger;
    private final ProviderTrouble trouble;

    public NotificationProvidersHealthCheck(ProviderCalls providers, NotificationStore ledger,
                                            ProviderTrouble trouble) {
        this.providers = providers;
        this.ledger = ledger;
        this.trouble = trouble;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("notification-providers").up();
        StringBuilder warning = new StringBuilder();
        for (Channel channel : Channel.values()) {
            String name = channel.name().toLowerCase(Locale.ROOT);
            boolean configured = providers.configured(channel);
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
            // An outage of the provider is reported, not failed on: the messages wait and are retried.
            trouble.failing(channel).ifPresent(f -> {
                response.withData(name + ".failing-since", f.since().toString());
                response.withData(name + ".failures", f.failures());
                response.withData(name + ".last-error", f.lastError());
                warning.append(warning.length() == 0 ? "" : "; ").append(channel).append(" provider failing since ")
                        .append(f.since()).append(" (").append(f.failures()).append(" failures, last: ")
                        .append(f.lastError()).append("); messages are retried");
            });
        }
        if (warning.length() > 0) {
            response.withData("warning", warning.toString());
        }
        return response.build();
    }
}
