package dev.ordertracking.support;

import dev.ordertracking.notification.Channel;
import dev.ordertracking.notification.NotificationStore;
import dev.ordertracking.notification.NotificationSettings;
import dev.ordertracking.platform.Refusal;
import dev.ordertracking.support.OrderViewStore.Contact;
import dev.ordertracking.support.OrderViews.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Support asking for a message again: a new message of the same milestone and channel, sent to the
 * order's contact as it is now. The dispatcher renders and sends it like any other, checking consent
 * again, so a resend never overrides an opt-out.
 */
@ApplicationScoped
public class ResendService {

    /**
     * Dedup-key collisions tolerated before giving up; each one means another resend of the same
     * message committed in between and took the number.
     */
    static final int MAX_TRIES = 5;

    /** The window {@link NotificationSettings#resendsPerOrderPerDay()} counts in. */
    static final Duration CAP_WINDOW = Duration.ofHours(24);

    private final OrderViewStore orders;
    private final NotificationViewStore notifications;
    private final NotificationStore ledger;
    private final NotificationSettings settings;
    private final Clock clock;

    public ResendService(OrderViewStore orders, NotificationViewStore notifications, NotificationStore ledger,
                               NotificationSettings settings, Clock clock) {
        this.orders = orders;
        this.notifications = notifications;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /** Plans the resend in one transaction; the caller wakes the dispatcher once it committed. */
    @Transactional
    public NotificationView resend(String orderId, String notificationId, String requestedBy) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String reason = "resend requested by " + requestedBy;
        Contact contact = orders.contact(orderId).orElseThrow(() -> new Refusal.Unknown("no order " + orderId));
        UUID originalId = notificationId(orderId, notificationId);
        String channel = notifications.find(orderId, originalId).map(NotificationView::channel)
                .orElseThrow(() -> noSuchNotification(orderId, originalId.toString()));
        String recipient = Channel.SMS.name().equals(channel) ? contact.phone()
                : Channel.EMAIL.name().equals(channel) ? contact.email() : null;
        try {
            requireUnderCap(orderId, now);
            int n = 1 + ledger.resendsOf(originalId);
            int tries = 0;
            while (!ledger.recordResend(id, originalId, "#resend-" + n, recipient, reason, now)) {
                if (++tries == MAX_TRIES) {
                    throw new Refusal.Conflict("other resends of notification " + originalId
                            + " were requested at the same time; try again");
                }
                n++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("planning a resend failed", e);
        }
        return notifications.find(orderId, id).orElseThrow();
    }

    /** A notification id as given in a path; one that is no UUID names no notification. */
    static UUID notificationId(String orderId, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw noSuchNotification(orderId, value);
        }
    }

    static Refusal noSuchNotification(String orderId, String id) {
        return new Refusal.Unknown("no notification " + id + " on order " + orderId);
    }

    /**
     * Refuses a resend when the order had {@link NotificationSettings#resendsPerOrderPerDay()} in
     * the last 24 hours. The ledger makes resends of one order queue on a lock first, so requests at
     * the same moment cannot all slip under the cap.
     */
    private void requireUnderCap(String orderId, Instant now) throws SQLException {
        int cap = settings.resendsPerOrderPerDay();
        List<Instant> within = ledger.resendsSince(orderId, now.minus(CAP_WINDOW));
        if (within.size() >= cap) {
            // Once this one leaves the window, one more fits under the cap.
            Instant next = within.get(within.size() - cap).plus(CAP_WINDOW);
            throw new Refusal.LimitReached("order " + orderId + " already had " + within.size()
                    + " messages resent in the last 24 hours, the most allowed; the next resend is possible from "
                    + next, Map.of("resendsPerDay", cap, "nextResendAt", next.toString()));
        }
    }
}
