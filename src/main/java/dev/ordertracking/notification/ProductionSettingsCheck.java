package dev.ordertracking.notification;

import dev.ordertracking.notification.email.LinkSettings;
import dev.ordertracking.notification.email.UnsubscribeLinks;
import dev.ordertracking.platform.TrackingSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start outside dev and test when a setting that customers' links depend on is missing
 * or weak: links in messages would point at {@code localhost} or travel in clear text, or be signed
 * with a guessable or per-process key (they would stop working on restart and differ between
 * replicas). A deployment that forgot them fails at once, naming the setting, instead of sending
 * customers broken links for days.
 */
@ApplicationScoped
public class ProductionSettingsCheck {

    private static final Logger LOG = Logger.getLogger(ProductionSettingsCheck.class);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1",
            "[::]", "::");

    private final TrackingSettings tracking;
    private final LinkSettings links;

    public ProductionSettingsCheck(TrackingSettings tracking, LinkSettings links) {
        this.tracking = tracking;
        this.links = links;
    }

    // Before the consumers and the dispatcher start: nothing is sent with a bad link.
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (ConfigUtils.getProfiles().stream().anyMatch(p -> p.equals("dev") || p.equals("test"))) {
            return;
        }
        List<String> problems = problems(tracking.publicBaseUrl(), links.linkSigningKey());
        if (!problems.isEmpty()) {
            String message = "Refusing to start: " + String.join("; ", problems);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** What is wrong with these settings for production; empty when nothing is. */
    public static List<String> problems(String publicBaseUrl, Optional<String> linkSigningKey) {
        List<String> problems = new ArrayList<>();
        URI url = null;
        try {
            url = URI.create(publicBaseUrl.trim());
        } catch (IllegalArgumentException e) {
            problems.add("tracking.public-base-url (TRACKING_PUBLIC_BASE_URL) '" + publicBaseUrl
                    + "' is not a URL");
        }
        if (url != null) {
            String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
            if (host == null || host.isEmpty()) {
                problems.add("tracking.public-base-url (TRACKING_PUBLIC_BASE_URL) '" + publicBaseUrl
                        + "' has no host: set the public https address of the tracking pages");
            } else if (LOCAL_HOSTS.contains(host) || host.endsWith(".localhost")) {
                problems.add("tracking.public-base-url (TRACKING_PUBLIC_BASE_URL) is '" + publicBaseUrl
                        + "': customers cannot reach " + host + "; set the public https address of the tracking pages");
            }
            if (!"https".equalsIgnoreCase(url.getScheme())) {
                problems.add("tracking.public-base-url (TRACKING_PUBLIC_BASE_URL) '" + publicBaseUrl
                        + "' must start with https:// (its links carry the customers' tokens)");
            }
        }
        String key = linkSigningKey.map(String::trim).orElse("");
        if (key.isEmpty()) {
            problems.add("tracking.notifications.link-signing-key (TRACKING_NOTIFICATIONS_LINK_SIGNING_KEY) is not set:"
                    + " set at least " + UnsubscribeLinks.MIN_KEY_BYTES + " random bytes, the same on every replica");
        } else if (linkSigningKey.get().getBytes(StandardCharsets.UTF_8).length < UnsubscribeLinks.MIN_KEY_BYTES) {
            problems.add("tracking.notifications.link-signing-key (TRACKING_NOTIFICATIONS_LINK_SIGNING_KEY) has "
                    + linkSigningKey.get().getBytes(StandardCharsets.UTF_8).length + " bytes: use at least "
                    + UnsubscribeLinks.MIN_KEY_BYTES + " random ones");
        }
        return problems;
    }
}
