package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.OrderStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The rules a claimed message meets at send time, in this order: the order's events still exist;
 * the customer allows the channel; the message still has something to say (a resend always has);
 * no SMS in the customer's quiet hours; a message that may have gone out already is checked with
 * the provider first; a notice superseded by a newer one of the same incident is dropped; a
 * channel without a provider waits; the order's daily cap per channel holds (resends and incident
 * notices are not capped).
 */
public final class SendRules {

    private static final SendDecision SEND = new SendDecision.Send();

    private final QuietHours quietHours;
    private final int dailyCapPerOrder;
    private final Duration unconfiguredRecheck;
    private final Retries retries;

    public SendRules(QuietHours quietHours, int dailyCapPerOrder, Duration unconfiguredRecheck, Retries retries) {
        this.quietHours = quietHours;
        this.dailyCapPerOrder = dailyCapPerOrder;
        this.unconfiguredRecheck = unconfiguredRecheck;
        this.retries = retries;
    }

    public SendDecision decide(ClaimedNotification n, SendFacts facts) {
        Instant now = facts.now();
        Journey journey = facts.journey();
        if (journey == null) {
            return new SendDecision.Fail("the order's events are gone");
        }
        String refusal = facts.consent().refusal(n.channel(), n.recipient());
        if (refusal != null) {
            return new SendDecision.Suppress(refusal);
        }
        String overtaken = overtakenByTheOrder(n.milestone(), journey);
        if (overtaken != null && n.resendOf() == null) {
            return new SendDecision.Drop(overtaken);
        }
        ZoneId zone = ZoneId.of(n.timeZone());
        if (n.channel() == Channel.SMS) {
            Optional<Instant> until = quietHours.deferUntil(now, zone);
            if (until.isPresent()) {
                return new SendDecision.Defer(until.get(), "quiet hours in " + n.timeZone() + " until " + until.get());
            }
        }
        if (n.inDoubt() && n.channel() == Channel.SMS) {
            // E-mail cannot be checked: SMTP does not say whether it took a message earlier.
            SendFacts.EarlierAttempt earlier = facts.earlierAttempt();
            if (earlier == null) {
                return new SendDecision.AskProviderFirst();
            }
            if (earlier.providerId() != null) {
                return new SendDecision.AlreadyAccepted(earlier.providerId());
            }
            if (!earlier.answered()) {
                return retries.after(n, null, "could not ask Twilio whether an earlier attempt went through", now);
            }
        }
        Integer latestNotice = facts.incidentRevision();
        if (latestNotice != null && n.incidentRevision() != null && n.incidentRevision() < latestNotice
                && n.resendOf() == null) {
            // The text is written from the incident as it is now, so this notice would say just what
            // the later one says: the customer gets that one only.
            return new SendDecision.Drop("superseded: notice " + latestNotice
                    + " of the same incident tells the newer date");
        }
        if (!facts.providerConfigured()) {
            return new SendDecision.WaitForProvider(now.plus(unconfiguredRecheck),
                    n.channel() + " provider is not configured");
        }
        if (countsAgainstDailyCap(n) && facts.sentToday() >= dailyCapPerOrder) {
            return new SendDecision.Drop("daily cap of " + dailyCapPerOrder + " " + n.channel()
                    + " messages for this order reached");
        }
        return SEND;
    }

    /**
     * Whether a message counts against the order's daily cap. Resends are capped on their own (a
     * support desk's limit); apologies are not: there is at most one per incident and revision,
     * and they matter most.
     */
    public static boolean countsAgainstDailyCap(ClaimedNotification n) {
        return n.resendOf() == null && n.incidentId() == null;
    }

    /** Why a cancelled or delivered order makes the message pointless, or null when it does not. */
    private static String overtakenByTheOrder(Milestone milestone, Journey journey) {
        if (journey.status() == OrderStatus.CANCELLED && milestone != Milestone.CANCELLED) {
            return "superseded: the order was cancelled";
        }
        if (journey.status() == OrderStatus.DELIVERED && milestone != Milestone.DELIVERED
                && MilestoneDetector.supersededBy(Milestone.DELIVERED).contains(milestone)) {
            return "superseded: the order was delivered";
        }
        return null;
    }
}
