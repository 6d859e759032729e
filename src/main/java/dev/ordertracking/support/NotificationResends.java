package dev.ordertracking.support;

import dev.ordertracking.notification.Channel;
import dev.ordertracking.notification.NotificationSettings;
import dev.ordertracking.notification.NotificationStatus;
import dev.ordertracking.platform.ProblemException;
import dev.ordertracking.platform.TraceContexts;
import dev.ordertracking.support.OrderViews.NotificationView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Support asking for a message again: a new message of the same milestone and channel, sent to the
 * order's contact as it is now. The dispatcher renders and sends it like any other, checking consent
 * again, so a resend never overrides an opt-out.
 */
@ApplicationScoped
public class NotificationResends {

    /**
     * Dedup-key collisions tolerated before giving up; each one means another resend of the same
     * message committed in between and took the number.
     */
    static final int MAX_TRIES = 5;

    /** The window {@link NotificationSettings#resendsPerOrderPerDay()} counts in. */
    static final Duration CAP_WINDOW = Duration.ofHours(24);

    /** First key of the advisory lock that makes resends of one order wait for each other. */
    private static final int RESEND_LOCK = 0x7265736e;

    private final AgroalDataSource dataSource;
    private final OrderNotifications notifications;
    private final NotificationSettings settings;
    private final Clock clock;

    public NotificationResends(AgroalDataSource dataSource, OrderNotifications notifications,
                               NotificationSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.notifications = notifications;
        this.settings = settings;
        this.clock = clock;
    }

    /** Plans the resend in one transaction; the caller wakes the dispatcher once it committed. */
    @Transactional
    public NotificationView resend(String orderId, String notificationId, String requestedBy) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String reason = "resend requested by " + requestedBy;
        try (Connection c = dataSource.getConnection()) {
            Contact contact = contact(c, orderId);
            UUID originalId = notificationId(orderId, notificationId);
            String channel = channel(c, orderId, originalId);
            String recipient = Channel.SMS.name().equals(channel) ? contact.phone()
                    : Channel.EMAIL.name().equals(channel) ? contact.email() : null;
            requireUnderCap(c, orderId, now);
            int n = 1 + resendsSoFar(c, originalId);
            int tries = 0;
            while (!insert(c, id, originalId, "#resend-" + n, recipient, reason, now)) {
                if (++tries == MAX_TRIES) {
                    throw new ProblemException(Response.Status.CONFLICT, "other resends of notification "
                            + originalId + " were requested at the same time; try again");
                }
                n++;
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into notification_status (notification_id, status, at, detail) values (?, ?, ?, ?)""")) {
                s.setObject(1, id);
                s.setString(2, NotificationStatus.PENDING.name());
                s.setTimestamp(3, Timestamp.from(now));
                s.setString(4, reason);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("planning a resend failed", e);
        }
        return notifications.find(orderId, id).orElseThrow();
    }

    private record Contact(String phone, String email) {
    }

    /** The order's phone and e-mail as they are now (a customer may have changed them since). */
    private static Contact contact(Connection c, String orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select customer_phone, customer_email from order_journey where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new ProblemException(Response.Status.NOT_FOUND, "no order " + orderId);
                }
                return new Contact(rs.getString(1), rs.getString(2));
            }
        }
    }

    private static String channel(Connection c, String orderId, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select channel from notification where id = ? and order_id = ?")) {
            s.setObject(1, id);
            s.setString(2, orderId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw noSuchNotification(orderId, id.toString());
                }
                return rs.getString(1);
            }
        }
    }

    /** A notification id as given in a path; one that is no UUID names no notification. */
    static UUID notificationId(String orderId, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw noSuchNotification(orderId, value);
        }
    }

    static ProblemException noSuchNotification(String orderId, String id) {
        return new ProblemException(Response.Status.NOT_FOUND, "no notification " + id + " on order " + orderId);
    }

    /**
     * Refuses a resend when the order had {@link NotificationSettings#resendsPerOrderPerDay()} in
     * the last 24 hours. Resends of one order queue on a transaction-scoped lock first, so requests at
     * the same moment cannot all slip under the cap.
     */
    private void requireUnderCap(Connection c, String orderId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            s.setInt(1, RESEND_LOCK);
            s.setString(2, orderId);
            s.execute();
        }
        int cap = settings.resendsPerOrderPerDay();
        try (PreparedStatement s = c.prepareStatement("""
                select created_at from notification
                where order_id = ? and resend_of is not null and created_at > ? order by created_at""")) {
            s.setString(1, orderId);
            s.setTimestamp(2, Timestamp.from(now.minus(CAP_WINDOW)));
            List<Instant> within = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    within.add(rs.getTimestamp(1).toInstant());
                }
            }
            if (within.size() >= cap) {
                // Once this one leaves the window, one more fits under the cap.
                Instant next = within.get(within.size() - cap).plus(CAP_WINDOW);
                throw new ProblemException(Response.Status.TOO_MANY_REQUESTS, "order " + orderId + " already had "
                        + within.size() + " messages resent in the last 24 hours, the most allowed; the next resend "
                        + "is possible from " + next, Map.of("resendsPerDay", cap, "nextResendAt", next.toString()));
            }
        }
    }

    private static int resendsSoFar(Connection c, UUID originalId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from notification where resend_of = ?")) {
            s.setObject(1, originalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Copies the original under a new dedup key; false when that key is taken. {@code on conflict do
     * nothing} waits for a concurrent insert of the same key and then skips, without aborting this
     * transaction, so the caller can try the next number.
     */
    private static boolean insert(Connection c, UUID id, UUID originalId, String suffix, String recipient,
                                  String reason, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into notification (id, order_id, customer_id, milestone, channel, shipment_id, dedup_key,
                    recipient, locale, time_zone, status, status_reason, attempts, next_attempt_at, cause_event_id,
                    cause_occurred_at, cause_received_at, resend_of, created_at, updated_at, incident_id,
                    incident_revision, trace_parent)
                select ?, order_id, customer_id, milestone, channel, shipment_id, dedup_key || ?, ?, locale, time_zone,
                    ?, ?, 0, ?, cause_event_id, cause_occurred_at, cause_received_at, id, ?, ?, incident_id,
                    incident_revision, coalesce(?, trace_parent)
                from notification where id = ?
                on conflict (dedup_key) do nothing""")) {
            Timestamp ts = Timestamp.from(now);
            int i = 1;
            s.setObject(i++, id);
            s.setString(i++, suffix);
            s.setString(i++, recipient);
            s.setString(i++, NotificationStatus.PENDING.name());
            s.setString(i++, reason);
            s.setTimestamp(i++, ts);
            s.setTimestamp(i++, ts);
            s.setTimestamp(i++, ts);
            // The resend continues the support request that asked for it.
            s.setString(i++, TraceContexts.traceparent(io.opentelemetry.context.Context.current()));
            s.setObject(i, originalId);
            return s.executeUpdate() == 1;
        }
    }
}
