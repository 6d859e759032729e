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

    /**
     * Higher than the security handlers' priorities (authentication 200, authorization 100), so the
     * header is set before a sign-in redirect or a 401/403 ends the answer.
     */
    private static final int BEFORE_SECURITY = 1_000;

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
        }, BEFORE_SECURITY));
    }
}
