package dev.ordertracking.platform;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Adds {@code Strict-Transport-Security} to answers of https requests. Behind a TLS-terminating
 * proxy the request counts as https when a trusted proxy says so ({@code X-Forwarded-Proto}, see
 * {@code quarkus.http.proxy.*}); plain http (the local run) gets no such header, which browsers
 * would ignore there anyway.
 */
@ApplicationScoped
public class StrictTransportSecurity {

    private final HttpsSettings settings;

    public StrictTransportSecurity(HttpsSettings settings) {
        this.settings = settings;
    }

    void register(@Observes Filters filters) {
        settings.strictTransportSecurity().filter(v -> !v.isBlank()).ifPresent(value -> filters.register(rc -> {
            if ("https".equalsIgnoreCase(rc.request().scheme())) {
                rc.response().putHeader("Strict-Transport-Security", value);
            }
            rc.next();
        }, 100));
    }
}
