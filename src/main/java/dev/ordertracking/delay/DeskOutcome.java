package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.compensation.CompensationPolicy;
import dev.ordertracking.notification.Milestone;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the incident desk decided for one order: everything written together in the caller's transaction. */
public final class DeskOutcome {

    /** A sign noted on an incident, with the delivery date it led to. */
    public record SignalNote(Incident incident, DelaySignal signal, LocalDate newDate, Instant detectedAt) {
    }

    /** A coupon to issue (or, in a dry run, to record as what would have been issued). */
    public record CouponGrant(Incident incident, CompensationPolicy.Offer offer, String rule, boolean dryRun,
                              Instant expiresAt, Instant issuedAt) {
    }

    /** A message to the customer about an incident; revision 1 is the first notice, later ones are updates. */
    public record Message(Incident incident, Milestone milestone, int revision, IncidentReason reason, boolean live,
                          String causeEventId, Instant causeAt) {
    }

    /** {@code order.delay_detected}: an incident about lateness opened or its new date moved. */
    public record DelayDetected(Incident incident, LocalDate newDate, Instant detectedAt) {
    }

    final Set<Incident> incidents = new LinkedHashSet<>();
    final List<SignalNote> signals = new ArrayList<>();
    final List<CouponGrant> coupons = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<DelayDetected> delays = new ArrayList<>();

    public List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    public List<SignalNote> signals() {
        return signals;
    }

    public List<CouponGrant> coupons() {
        return coupons;
    }

    public List<Message> messages() {
        return messages;
    }

    public List<DelayDetected> delays() {
        return delays;
    }

    public boolean isEmpty() {
        return incidents.isEmpty();
    }

    public void addAll(DeskOutcome other) {
        incidents.addAll(other.incidents);
        signals.addAll(other.signals);
        coupons.addAll(other.coupons);
        messages.addAll(other.messages);
        delays.addAll(other.delays);
    }
}
