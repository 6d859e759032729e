package dev.ordertracking.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** How the service answers requests that reached it over https (directly or through a trusted proxy). */
@ConfigMapping(prefix = "tracking.http")
public interface HttpsSettings {

    /**
     * The {@code Strict-Transport-Security} value sent on every answer to an https request, so
     * browsers never again ask for the console or a customer's page in clear text; empty to send
     * none. One year, without {@code includeSubDomains} (that would bind the shop's other hosts too).
     */
    @WithDefault("max-age=31536000")
    Optional<String> strictTransportSecurity();
}
