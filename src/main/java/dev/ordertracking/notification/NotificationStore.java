package dev.ordertracking.notification;

import dev.ordertracking.platform.TraceContexts;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The stored messages and their status history. Every method works inside the caller's
 * transaction; every status change also appends a history row.
 */
@ApplicationScoped
public class NotificationStore {

    static final String CLAIMABLE = "('PENDING', 'DEFERRED', 'RETRYING', 'WAITING_FOR_PROVIDER', 'SENDING')";
    private static final String UNSENT = "('PENDING', 'DEFERRED', 'RETRYING', 'WAITING_FOR_PROVIDER')";

    private final AgroalDataSource dataSource;
    private final NotificationMetrics metrics;

    public NotificationStore(AgroalDataSource dataSource, NotificationMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    /** Channel preferences of these customers and opt-outs of these numbers, as consent per customer. */
    public Map<String, Consent> consent(Map<String, String> phoneByCustomer) throws SQLException {
        Map<String, Consent> consent = new HashMap<>();
        if (phoneByCustomer.isEmpty()) {
            return consent;
        }
        Set<String> optedOut = new HashSet<>();
        Map<String, boolean[]> preferences = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "select customer_id, sms_enabled, email_enabled from customer_preference where customer_id = any(?)")) {
                s.setArray(1, c.createArrayOf("text", phoneByCustomer.keySet().toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        preferences.put(rs.getString(1), new boolean[]{rs.getBoolean(2), rs.getBoolean(3)});
                    }
                }
            }
            Object[] phones = phoneByCustomer.values().stream().filter(p -> p != null).distinct().toArray();
            if (phones.length > 0) {
                try (PreparedStatement s = c.prepareStatement("select phone from sms_opt_out where phone = any(?)")) {
                    s.setArray(1, c.createArrayOf("text", phones));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            optedOut.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        phoneByCustomer.forEach((customer, phone) -> {
            boolean[] p = preferences.getOrDefault(customer, new boolean[]{true, true});
            consent.put(customer, new Consent(p[0], p[1], phone != null && optedOut.contains(phone)));
        });
        return consent;
    }

    /** Writes new messages; one that exists already (same order, milestone, parcel, channel) is left as it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(List<PlannedNotification> planned, Instant now) throws SQLException {
        if (planned.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into notification (id, order_id, customer_id, milestone, channel, shipment_id, dedup_key,
                        recipient, locale, time_zone, status, status_reason, next_attempt_at, cause_event_id,
                        cause_occurred_at, cause_received_at, fallback_of, created_at, updated_at, incident_id,
                        incident_revision, trace_parent)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (dedup_key) do nothing""")) {
                Timestamp ts = Timestamp.from(now);
                for (PlannedNotification p : planned) {
                    int i = 1;
                    s.setObject(i++, p.id());
                    s.setString(i++, p.orderId());
                    s.setString(i++, p.customerId());
                    s.setString(i++, p.milestone().name());
                    s.setString(i++, p.channel().name());
                    s.setString(i++, p.shipmentId());
                    s.setString(i++, p.dedupKey());
                    s.setString(i++, p.recipient());
                    s.setString(i++, p.locale());
                    s.setString(i++, p.timeZone());
                    s.setString(i++, p.status().name());
                    s.setString(i++, p.statusReason());
                    s.setTimestamp(i++, Timestamp.from(p.nextAttemptAt()));
                    s.setString(i++, p.causeEventId());
                    s.setTimestamp(i++, ts(p.causeOccurredAt()));
                    s.setTimestamp(i++, ts(p.causeReceivedAt()));
                    s.setObject(i++, p.fallbackOf());
                    s.setTimestamp(i++, ts);
                    s.setTimestamp(i++, ts);
                    s.setObject(i++, p.incidentId());
                    s.setObject(i++, p.incidentRevision(), java.sql.Types.INTEGER);
                    s.setString(i, TraceContexts.causeTraceparent(p.orderId()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            // History only for the rows this call inserted (the others' ids were never stored).
            List<UUID> ids = planned.stream().map(PlannedNotification::id).toList();
            int inserted;
            try (PreparedStatement s = c.prepareStatement("""
                    insert into notification_status (notification_id, status, at, detail)
                    select id, status, created_at, status_reason from notification where id = any(?)""")) {
                s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                inserted = s.executeUpdate();
            }
            if (inserted > 0) {
                planned.forEach(p -> metrics.created(p.channel(), p.milestone(), p.status()));
            }
            return inserted;
        }
    }

    /**
     * Drops the orders' unsent messages for milestones that each order's newest milestone made
     * pointless; one statement for the whole batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dropSuperseded(Map<String, Milestone> newestByOrder, Instant now) throws SQLException {
        List<String> orders = new ArrayList<>();
        List<String> milestones = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        newestByOrder.forEach((orderId, newest) -> MilestoneDetector.supersededBy(newest).forEach(m -> {
            orders.add(orderId);
            milestones.add(m.name());
            reasons.add("superseded by " + newest);
        }));
        if (orders.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     with pointless as (
                         select * from unnest(?::text[], ?::text[], ?::text[]) as p(order_id, milestone, reason)),
                     dropped as (
                         update notification n set status = 'DROPPED', status_reason = p.reason, next_attempt_at = ?,
                             updated_at = ?
                         from pointless p
                         where n.order_id = p.order_id and n.milestone = p.milestone and n.status in %s
                         returning n.id, n.status_reason, n.updated_at)
                     insert into notification_status (notification_id, status, at, detail)
                     select id, 'DROPPED', updated_at, status_reason from dropped""".formatted(UNSENT))) {
            Timestamp ts = Timestamp.from(now);
            s.setArray(1, c.createArrayOf("text", orders.toArray()));
            s.setArray(2, c.createArrayOf("text", milestones.toArray()));
            s.setArray(3, c.createArrayOf("text", reasons.toArray()));
            s.setTimestamp(4, ts);
            s.setTimestamp(5, ts);
            s.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} due messages of a channel for {@code lease}. Rows another replica
     * holds are skipped, not waited for; a row whose lease ran out is claimed again (in doubt).
     */
    public List<ClaimedNotification> claim(Channel channel, int limit, Instant now, Duration lease) throws SQLException {
        List<ClaimedNotification> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     update notification n set status = 'SENDING', next_attempt_at = ?, claimed_until = ?,
                         last_claimed_at = ?, attempts = n.attempts + 1, updated_at = ?
                     from (select id, status, last_claimed_at from notification
                           where channel = ? and status in %s and next_attempt_at <= ?
                           order by next_attempt_at limit ? for update skip locked) due
                     where n.id = due.id
                     returning n.id, n.order_id, n.customer_id, n.milestone, n.channel, n.shipment_id, n.dedup_key,
                         n.recipient, n.locale, n.time_zone, due.status, n.attempts, n.subject, n.body,
                         n.provider_id, n.error_code, n.last_claimed_at, due.last_claimed_at, n.cause_received_at,
                         n.resend_of, n.incident_id, n.incident_revision, n.trace_parent""".formatted(CLAIMABLE))) {
            Timestamp until = Timestamp.from(now.plus(lease));
            Timestamp ts = Timestamp.from(now);
            s.setTimestamp(1, until);
            s.setTimestamp(2, until);
            s.setTimestamp(3, ts);
            s.setTimestamp(4, ts);
            s.setString(5, channel.name());
            s.setTimestamp(6, ts);
            s.setInt(7, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedNotification(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            Milestone.valueOf(rs.getString(4)), Channel.valueOf(rs.getString(5)), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            NotificationStatus.valueOf(rs.getString(11)), rs.getInt(12), rs.getString(13),
                            rs.getString(14), rs.getString(15), rs.getString(16), instant(rs, 17), instant(rs, 18),
                            instant(rs, 19), rs.getObject(20, UUID.class), rs.getObject(21, UUID.class),
                            (Integer) rs.getObject(22), rs.getString(23)));
                }
            }
        }
        return claimed;
    }

    /** A message's text as rendered for sending. */
    public record RenderedText(UUID id, String subject, String body) {
    }

    /** Keeps the texts about to be sent, so a send in doubt can be recognised at the provider. */
    public void saveRendered(List<RenderedText> texts) throws SQLException {
        if (texts.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update notification set subject = ?, body = ? where id = ?")) {
            for (RenderedText t : texts) {
                s.setString(1, t.subject());
                s.setString(2, t.body());
                s.setObject(3, t.id());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Messages of these orders and channel that count against the daily cap: accepted by a provider
     * since {@code since}, or being sent right now by another claim (not {@code claimedNow}).
     */
    public Map<String, Integer> sentSince(Collection<String> orderIds, Channel channel, Instant since,
                                          Collection<UUID> claimedNow) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        if (orderIds.isEmpty()) {
            return counts;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select order_id, count(*) from notification
                     where order_id = any(?) and channel = ? and incident_id is null
                       and (accepted_at >= ? or (status = 'SENDING' and not id = any(?)))
                     group by order_id""")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            s.setString(2, channel.name());
            s.setTimestamp(3, Timestamp.from(since));
            s.setArray(4, c.createArrayOf("uuid", claimedNow.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /**
     * Records what became of a claimed message. Applies only while the claim is still ours
     * ({@code SENDING}): a status callback that arrived first has already moved it further.
     */
    public boolean completeClaim(ClaimedNotification claimed, Transition t, Instant now) throws SQLException {
        boolean applied = apply(claimed.id(), t, now, "status = 'SENDING' and last_claimed_at = ?",
                claimed.lastClaimedAt());
        if (applied) {
            metrics.transitioned(claimed.channel(), claimed.milestone(), t.status());
            if (t.acceptedAt() != null && claimed.causeReceivedAt() != null) {
                metrics.acceptedAfter(claimed.channel(), Duration.between(claimed.causeReceivedAt(), t.acceptedAt()));
            }
        } else if (t.providerId() != null) {
            // A callback was faster than our own record of the acceptance: keep the id and time only.
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("""
                         update notification set provider_id = coalesce(provider_id, ?),
                             accepted_at = coalesce(accepted_at, ?) where id = ?""")) {
                s.setString(1, t.providerId());
                s.setTimestamp(2, ts(t.acceptedAt()));
                s.setObject(3, claimed.id());
                s.executeUpdate();
            }
        }
        return applied;
    }

    /** Applies a change unconditionally (support, fallbacks); false when there is no such message. */
    public boolean transition(UUID id, Transition t, Instant now) throws SQLException {
        return apply(id, t, now, "true", null);
    }

    /** The stored message a provider status refers to, by our id (the callback key) or the provider's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredNotification> findForUpdate(UUID id, String providerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select id, order_id, customer_id, milestone, channel, shipment_id, status, provider_id,
                         recipient, attempts, cause_received_at, accepted_at, fallback_of, incident_id,
                         incident_revision
                     from notification where id = ? or (cast(? as text) is not null and provider_id = ?)
                     order by (id = ?) desc limit 1 for update""")) {
            UUID key = id == null ? new UUID(0, 0) : id;
            s.setObject(1, key);
            s.setString(2, providerId);
            s.setString(3, providerId);
            s.setObject(4, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredNotification(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), Milestone.valueOf(rs.getString(4)), Channel.valueOf(rs.getString(5)),
                        rs.getString(6), NotificationStatus.valueOf(rs.getString(7)), rs.getString(8),
                        rs.getString(9), rs.getInt(10), instant(rs, 11), instant(rs, 12), rs.getObject(13, UUID.class),
                        rs.getObject(14, UUID.class), (Integer) rs.getObject(15)));
            }
        }
    }

    /** Appends a history line without changing the message (e.g. a duplicate provider status). */
    public void note(UUID id, NotificationStatus status, String providerId, String providerStatus, String detail,
                     Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into notification_status (notification_id, status, at, provider_id, provider_status, detail)
                     values (?, ?, ?, ?, ?, ?)""")) {
            s.setObject(1, id);
            s.setString(2, status.name());
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, providerId);
            s.setString(5, providerStatus);
            s.setString(6, detail);
            s.executeUpdate();
        }
    }

    /** Messages that waited for an unconfigured provider are due again (it is configured now). */
    public int wakeWaiting(Channel channel, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     update notification set next_attempt_at = ?
                     where channel = ? and status = 'WAITING_FOR_PROVIDER' and next_attempt_at > ?""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, channel.name());
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate();
        }
    }

    /** How many messages of a channel wait for its provider to be configured. */
    public long waitingForProvider(Channel channel) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from notification where channel = ? and status = 'WAITING_FOR_PROVIDER'")) {
            s.setString(1, channel.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Messages not sent yet, counted by channel and status ({@code "SMS/PENDING"}). Read from the
     * partial index of claimable rows, so cheap however many have been sent; gives up after five
     * seconds, as it also serves metric scrapes outside any transaction.
     */
    public Map<String, Long> unsentByChannelAndStatus() throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select channel, status, count(*) from notification
                     where status in ('PENDING', 'DEFERRED', 'RETRYING', 'SENDING', 'WAITING_FOR_PROVIDER')
                     group by channel, status""")) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return counts;
    }

    /** First key of the advisory lock that makes resends of one order wait for each other. */
    private static final int RESEND_LOCK = 0x7265736e;

    /**
     * When the order's messages resent since {@code since} were made, oldest first. Takes the order's
     * resend lock first, held to the end of the transaction, so resends asked for at the same moment
     * count each other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Instant> resendsSince(String orderId, Instant since) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                s.setInt(1, RESEND_LOCK);
                s.setString(2, orderId);
                s.execute();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select created_at from notification
                    where order_id = ? and resend_of is not null and created_at > ? order by created_at""")) {
                s.setString(1, orderId);
                s.setTimestamp(2, Timestamp.from(since));
                List<Instant> made = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        made.add(rs.getTimestamp(1).toInstant());
                    }
                }
                return made;
            }
        }
    }

    /** How many times this message was resent. */
    public int resendsOf(UUID originalId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from notification where resend_of = ?")) {
            s.setObject(1, originalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Copies the original as a new pending message to {@code recipient}, under the original's dedup key
     * plus {@code suffix}, with its first history line; false when that key is taken. {@code on conflict
     * do nothing} waits for a concurrent insert of the same key and then skips, without aborting the
     * transaction, so the caller can try another suffix.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordResend(UUID id, UUID originalId, String suffix, String recipient, String reason, Instant now)
            throws SQLException {
        Timestamp ts = Timestamp.from(now);
        try (Connection c = dataSource.getConnection()) {
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
                int i = 1;
                s.setObject(i++, id);
                s.setString(i++, suffix);
                s.setString(i++, recipient);
                s.setString(i++, NotificationStatus.PENDING.name());
                s.setString(i++, reason);
                s.setTimestamp(i++, ts);
                s.setTimestamp(i++, ts);
                s.setTimestamp(i++, ts);
                // The resend continues the request that asked for it.
                s.setString(i++, TraceContexts.traceparent(io.opentelemetry.context.Context.current()));
                s.setObject(i, originalId);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into notification_status (notification_id, status, at, detail) values (?, ?, ?, ?)""")) {
                s.setObject(1, id);
                s.setString(2, NotificationStatus.PENDING.name());
                s.setTimestamp(3, ts);
                s.setString(4, reason);
                s.executeUpdate();
            }
            return true;
        }
    }

    private boolean apply(UUID id, Transition t, Instant now, String condition, Instant conditionValue)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     with changed as (
                         update notification set status = ?, status_reason = ?,
                             next_attempt_at = coalesce(?, next_attempt_at), claimed_until = null,
                             provider_id = coalesce(?, provider_id), provider_status = coalesce(?, provider_status),
                             error_code = ?, error_message = ?, accepted_at = coalesce(accepted_at, ?), updated_at = ?
                         where id = ? and %s
                         returning id, status, updated_at, provider_id, provider_status, error_code, error_message,
                             status_reason)
                     insert into notification_status (notification_id, status, at, provider_id, provider_status,
                         error_code, error_message, detail)
                     select id, status, updated_at, provider_id, ?, error_code, error_message, status_reason
                     from changed""".formatted(condition))) {
            int i = 1;
            s.setString(i++, t.status().name());
            s.setString(i++, t.reason());
            s.setTimestamp(i++, ts(t.nextAttemptAt()));
            s.setString(i++, t.providerId());
            s.setString(i++, t.providerStatus());
            s.setString(i++, t.errorCode());
            s.setString(i++, t.errorMessage());
            s.setTimestamp(i++, ts(t.acceptedAt()));
            s.setTimestamp(i++, Timestamp.from(now));
            s.setObject(i++, id);
            if (conditionValue != null) {
                s.setTimestamp(i++, Timestamp.from(conditionValue));
            }
            s.setString(i, t.providerStatus());
            return s.executeUpdate() > 0;
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
