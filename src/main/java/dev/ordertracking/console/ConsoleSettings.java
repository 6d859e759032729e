package dev.ordertracking.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Settings of the support console, under {@code tracking.console.*}. */
@ConfigMapping(prefix = "tracking.console")
public interface ConsoleSettings {

    /**
     * Whether the console's sign-in (the {@code console} OIDC tenant) is on. Off by default so the
     * service starts without an identity provider; the local run and the tests turn it on with
     * their Keycloak.
     */
    @WithDefault("false")
    boolean signInEnabled();

    /** The zone the console shows times in (support's own, not the customer's). */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** How many days the dashboard shows when no range is chosen. */
    @WithDefault("30")
    int dashboardDays();
}
