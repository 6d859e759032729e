package dev.ordertracking.notification;

/**
 * Where a customer message stands. A dispatcher picks up {@link #isClaimable() claimable} rows
 * when they are due; the rest only change through provider status callbacks or support.
 */
public enum NotificationStatus {
    /** Due now (or at {@code next_attempt_at}). */
    PENDING(0),
    /** SMS held back by the customer's quiet hours until {@code next_attempt_at}. */
    DEFERRED(0),
    /** A transient failure; tried again at {@code next_attempt_at}. */
    RETRYING(0),
    /** The channel's provider is not configured (no credentials); sent once it is. */
    WAITING_FOR_PROVIDER(0),
    /** Claimed by a dispatcher; if its lease runs out, the send is in doubt and reconciled first. */
    SENDING(0),
    /** The provider took it (Twilio: queued). */
    ACCEPTED(1),
    /** The provider handed it on (Twilio: sent; e-mail: the SMTP server accepted it). */
    SENT(2),
    DELIVERED(3),
    /** The carrier could not deliver it (Twilio: undelivered). */
    UNDELIVERED(3),
    /** It will never arrive: a permanent provider error, or transient ones until attempts ran out. */
    FAILED(3),
    /** Never to be sent: historical event, opted out, channel turned off, no address. */
    SUPPRESSED(3),
    /** No longer worth sending: a newer milestone made it pointless, or the day's cap was reached. */
    DROPPED(3);

    /** Provider statuses only move forward: a late "sent" never overwrites "delivered". */
    public final int rank;

    NotificationStatus(int rank) {
        this.rank = rank;
    }

    public boolean isClaimable() {
        return this == PENDING || this == DEFERRED || this == RETRYING || this == WAITING_FOR_PROVIDER
                || this == SENDING;
    }

    /** Not sent yet, so a newer milestone may still drop it. */
    public boolean isUnsent() {
        return isClaimable();
    }
}
