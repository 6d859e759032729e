package dev.ordertracking.notification.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Signed customer links ({@link UnsubscribeLinks}): their key and how long they work, under
 * {@code tracking.notifications.*} beside the other message settings.
 */
@ConfigMapping(prefix = "tracking.notifications")
public interface LinkSettings {

    /**
     * Key for signing unsubscribe and preferences links (HMAC-SHA256, a key derived per purpose).
     * Without it, a random key per process; production refuses to start without 32 bytes or more.
     */
    Optional<String> linkSigningKey();

    Links links();

    /** How long signed customer links work. */
    interface Links {
        /**
         * An e-mail's unsubscribe link. Long: people find an old mail months later and must still be
         * able to stop the next ones (the law wants at least 30 days, mailbox providers' one-click
         * unsubscribe uses the header of any kept mail), and all the link can do is turn e-mail off.
         */
        @WithDefault("P400D")
        Duration unsubscribeValidFor();

        /**
         * The tracking page's link to the preferences page, which can also turn messages back on.
         * Short: the page makes a new link each time it is shown.
         */
        @WithDefault("P7D")
        Duration preferencesValidFor();

        /**
         * Accept unsubscribe links signed before links carried an end date (mails already sent);
         * turn off once those mails are older than {@link #unsubscribeValidFor()}.
         */
        @WithDefault("true")
        boolean acceptUnversionedUnsubscribe();
    }
}
