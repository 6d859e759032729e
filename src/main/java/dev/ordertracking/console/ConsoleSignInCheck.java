package dev.ordertracking.console;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/** Says at start-up whether the support console can be signed in to, and with which provider. */
@ApplicationScoped
public class ConsoleSignInCheck {

    private static final Logger LOG = Logger.getLogger(ConsoleSignInCheck.class);

    void report(@Observes StartupEvent started, ConsoleSettings settings,
                @ConfigProperty(name = "quarkus.oidc.console.auth-server-url") Optional<String> provider) {
        if (settings.signInEnabled() && provider.isPresent()) {
            LOG.infof("Support console: /console signs in with %s", provider.get());
        } else {
            LOG.warn("Support console sign-in is off (/console answers 404): set TRACKING_CONSOLE_SIGN_IN_ENABLED=true, "
                    + "QUARKUS_OIDC_CONSOLE_AUTH_SERVER_URL, QUARKUS_OIDC_CONSOLE_CLIENT_ID and "
                    + "QUARKUS_OIDC_CONSOLE_CREDENTIALS_SECRET");
        }
    }
}
