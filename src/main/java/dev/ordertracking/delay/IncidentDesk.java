package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.compensation.CompensationPolicy;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.ShipmentState;
import dev.ordertracking.notification.Milestone;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The rules of incidents and amends, free of storage and transport: which incident a sign belongs
 * to, the exact new delivery date, when the customer is told (first notice, updates for a further
 * slip, sorry-it-was-late after delivery), and when a coupon is given (at most one per incident,
 * within the caps, never for cancelled orders or history).
 */
public final class IncidentDesk {

    /** A carrier's median days past the promise over our delivered history, when there is enough of it. */
    public interface CarrierHistory {
        Optional<Integer> medianDelayDays(String carrier);

        CarrierHistory NONE = carrier -> Optional.empty();
    }

    /** How an order left the open state with this change, if it did. */
    public sealed interface Ending {
    }

    public record Delivered(Instant at, boolean live, String eventId) implements Ending {
    }

    public record Cancelled(Instant at) implements Ending {
    }

    private final CompensationPolicy policy;
    private final ToIntFunction<IncidentReason> bufferDays;
    private final int maxUpdates;
    private final CarrierHistory history;

    public IncidentDesk(CompensationPolicy policy, ToIntFunction<IncidentReason> bufferDays, int maxUpdates,
                        CarrierHistory history) {
        this.policy = policy;
        this.bufferDays = bufferDays;
        this.maxUpdates = maxUpdates;
        this.history = history;
    }

    public CompensationPolicy policy() {
        return policy;
    }

    /** Applies the signs of one change or deadline, then the order's delivery or cancellation. */
    public DeskOutcome decide(OrderFacts facts, List<DelaySignal> signals, Ending ending, Instant now) {
        DeskOutcome out = new DeskOutcome();
        Map<IncidentCause, List<DelaySignal>> byCause = new LinkedHashMap<>();
        signals.forEach(s -> byCause.computeIfAbsent(s.cause(), c -> new ArrayList<>()).add(s));
        byCause.forEach((cause, group) -> onSigns(facts, cause, group, now, out));
        if (ending instanceof Delivered d) {
            onDelivered(facts, d, now, out);
        } else if (ending instanceof Cancelled) {
            for (Incident i : facts.incidents) {
                if (i.isOpen()) {
                    i.close("order cancelled", now);
                    out.incidents.add(i);
                }
            }
        }
        return out;
    }

    private void onSigns(OrderFacts facts, IncidentCause cause, List<DelaySignal> group, Instant now, DeskOutcome out) {
        Journey j = facts.journey;
        group.sort(Comparator.comparing(DelaySignal::signalAt));
        // The carrier's own word (weather, customs) says more than the estimate it moved: it names the incident.
        DelaySignal latest = group.stream()
                .filter(s -> s.kind() == SignalKind.CARRIER_STATUS || s.kind() == SignalKind.ATTEMPT_FAILED)
                .reduce((a, b) -> b).orElse(group.get(group.size() - 1));
        Incident incident = facts.open(cause).orElse(null);
        if (incident == null) {
            DelaySignal first = group.get(0);
            incident = Incident.open(j.orderId(), j.customer().id(), new DelaySignal(first.kind(), first.cause(),
                    latest.reason(), first.shipmentId(), first.estimate(), first.detail(), first.eventId(),
                    first.signalAt(), first.live()), j.promisedDeliveryDate(), now);
            facts.incidents.add(incident);
        }
        out.incidents.add(incident);
        incident.changed = true;
        incident.latestReason = latest.reason();
        boolean live = group.stream().anyMatch(DelaySignal::live);
        String causeEventId = group.stream().map(DelaySignal::eventId).filter(Objects::nonNull).reduce((a, b) -> b)
                .orElse(null);

        if (cause == IncidentCause.DELAY) {
            LocalDate today = today(j, now);
            LocalDate newDate = null;
            for (DelaySignal s : group) {
                LocalDate candidate = newDate(j, incident, s, today);
                newDate = newDate == null || candidate.isAfter(newDate) ? candidate : newDate;
                out.signals.add(new DeskOutcome.SignalNote(incident, s, candidate, now));
            }
            boolean moved = !Objects.equals(newDate, incident.newDate);
            incident.newDate = newDate;
            incident.delayDays = (int) Math.max(0, ChronoUnit.DAYS.between(j.promisedDeliveryDate(), newDate));
            if (moved || incident.isNew) {
                out.delays.add(new DeskOutcome.DelayDetected(incident, newDate, now));
            }
            if (!live || j.status() == OrderStatus.CANCELLED) {
                incident.compensation = live ? "order cancelled: nothing given" : "history: nobody told, nothing given";
                return;
            }
            CompensationPolicy.Decision decision = policy.decide(latest.reason(), incident.delayDays);
            if (!decision.apology() || incident.delayDays < 1) {
                incident.compensation = "rule " + decision.rule() + ": "
                        + (incident.delayDays < 1 ? "the promise still holds" : "support only");
                return;
            }
            boolean firstNotice = incident.revision == 0;
            boolean furtherSlip = !firstNotice && incident.toldDate != null && newDate.isAfter(incident.toldDate)
                    && incident.revision < 1 + maxUpdates;
            if (firstNotice || furtherSlip) {
                tell(incident, Milestone.DELAY_NOTICE, latest.reason(), causeEventId, latest.signalAt(), out);
                incident.toldDate = newDate;
                give(facts, incident, decision, j, now, out);
            }
            return;
        }
        for (DelaySignal s : group) {
            out.signals.add(new DeskOutcome.SignalNote(incident, s, null, now));
        }
        boolean carrierSevere = (cause == IncidentCause.LOST || cause == IncidentCause.DAMAGED)
                && group.stream().anyMatch(s -> s.kind() == SignalKind.CARRIER_STATUS
                || s.kind() == SignalKind.ATTEMPT_FAILED);
        if (!carrierSevere) {
            return;
        }
        if (!live || j.status() == OrderStatus.CANCELLED) {
            incident.compensation = live ? "order cancelled: nothing given" : "history: nobody told, nothing given";
            return;
        }
        CompensationPolicy.Decision decision = policy.decide(latest.reason(), 0);
        if (decision.apology() && incident.revision == 0) {
            tell(incident, Milestone.PARCEL_PROBLEM, latest.reason(), causeEventId, latest.signalAt(), out);
            give(facts, incident, decision, j, now, out);
        } else if (!decision.apology()) {
            incident.compensation = "rule " + decision.rule() + ": support only";
        }
    }

    private void onDelivered(OrderFacts facts, Delivered delivered, Instant now, DeskOutcome out) {
        Journey j = facts.journey;
        for (Incident i : facts.incidents) {
            if (i.isOpen()) {
                i.close("delivered", now);
                out.incidents.add(i);
            }
        }
        if (j.deliveryTiming() == null || j.deliveryTiming().onTime()) {
            return;
        }
        LocalDate deliveredDay = j.deliveredAt().atZone(ZoneId.of(j.customer().timeZone())).toLocalDate();
        int daysLate = (int) ChronoUnit.DAYS.between(j.promisedDeliveryDate(), deliveredDay);
        Incident incident = facts.latest(IncidentCause.DELAY).orElse(null);
        DelaySignal signal = new DelaySignal(SignalKind.DELIVERED_LATE, IncidentCause.DELAY,
                IncidentReason.DELIVERED_LATE, null, null, "delivered " + daysLate + " day(s) after the promised "
                + j.promisedDeliveryDate(), delivered.eventId(), delivered.at(), delivered.live());
        if (incident == null) {
            incident = Incident.open(j.orderId(), j.customer().id(), signal, j.promisedDeliveryDate(), now);
            incident.close("delivered", now);
            facts.incidents.add(incident);
        }
        out.incidents.add(incident);
        out.signals.add(new DeskOutcome.SignalNote(incident, signal, deliveredDay, now));
        incident.changed = true;
        incident.delayDays = Math.max(incident.delayDays, daysLate);
        if (incident.revision > 0) {
            return; // told before: the apology and any coupon went with that notice
        }
        if (!delivered.live()) {
            incident.compensation = "history: nobody told, nothing given";
            return;
        }
        CompensationPolicy.Decision decision = policy.decide(IncidentReason.DELIVERED_LATE, daysLate);
        if (!decision.apology()) {
            incident.compensation = "rule " + decision.rule() + ": support only";
            return;
        }
        tell(incident, Milestone.LATE_DELIVERY, IncidentReason.DELIVERED_LATE, delivered.eventId(), delivered.at(), out);
        give(facts, incident, decision, j, now, out);
    }

    /** Support records an incident; an open one of the same cause takes the report instead of a second one. */
    public DeskOutcome report(OrderFacts facts, IncidentCause cause, String note, Instant now) {
        IncidentReason reason = switch (cause) {
            case DAMAGED -> IncidentReason.DAMAGED;
            case WRONG_ITEM -> IncidentReason.WRONG_ITEM;
            case MISSING_ITEM -> IncidentReason.MISSING_ITEM;
            case LOST -> IncidentReason.LOST;
            default -> IncidentReason.OTHER;
        };
        DelaySignal signal = new DelaySignal(SignalKind.SUPPORT_REPORT, cause, reason, null, null, note, null, now, true);
        DeskOutcome out = new DeskOutcome();
        Journey j = facts.journey;
        Incident incident = facts.open(cause).orElse(null);
        if (incident == null) {
            incident = Incident.open(j.orderId(), j.customer().id(), signal, j.promisedDeliveryDate(), now);
            incident.note = note;
            facts.incidents.add(incident);
        }
        incident.changed = true;
        out.incidents.add(incident);
        out.signals.add(new DeskOutcome.SignalNote(incident, signal, null, now));
        return out;
    }

    /**
     * Support asks for the apology of an incident the customer has not been told about: the message
     * it calls for, and the coupon the policy gives for its reason and delay.
     *
     * @throws Refused when the customer was already told, or the order was cancelled
     */
    public DeskOutcome apologise(OrderFacts facts, UUID incidentId, Instant now) {
        Journey j = facts.journey;
        Incident incident = facts.incidents.stream().filter(i -> i.id.equals(incidentId)).findFirst()
                .orElseThrow(() -> new NoSuchIncident(j.orderId(), incidentId));
        if (incident.revision > 0) {
            throw new Refused("the customer was already told about incident " + incidentId);
        }
        if (j.status() == OrderStatus.CANCELLED) {
            throw new Refused("order " + j.orderId() + " was cancelled: no amends");
        }
        DeskOutcome out = new DeskOutcome();
        out.incidents.add(incident);
        incident.changed = true;
        Milestone milestone;
        if (incident.cause == IncidentCause.DELAY || incident.cause == IncidentCause.STALLED) {
            if (j.status() == OrderStatus.DELIVERED) {
                milestone = Milestone.LATE_DELIVERY;
            } else {
                milestone = Milestone.DELAY_NOTICE;
                if (incident.newDate == null) {
                    DelaySignal asked = new DelaySignal(SignalKind.SUPPORT_REPORT, incident.cause, incident.latestReason,
                            null, null, "apology asked by support", null, now, true);
                    incident.newDate = newDate(j, incident, asked, today(j, now));
                    incident.delayDays = (int) Math.max(0, ChronoUnit.DAYS.between(j.promisedDeliveryDate(),
                            incident.newDate));
                }
                incident.toldDate = incident.newDate;
            }
        } else {
            milestone = Milestone.PARCEL_PROBLEM;
        }
        CompensationPolicy.Decision decision = policy.decide(incident.latestReason, incident.delayDays);
        tell(incident, milestone, incident.latestReason, null, now, out);
        give(facts, incident, new CompensationPolicy.Decision(decision.rule(), true, decision.offer()), j, now, out);
        return out;
    }

    /** Support closes an incident. */
    public DeskOutcome close(OrderFacts facts, UUID incidentId, String note, Instant now) {
        Incident incident = facts.incidents.stream().filter(i -> i.id.equals(incidentId)).findFirst()
                .orElseThrow(() -> new NoSuchIncident(facts.journey.orderId(), incidentId));
        DeskOutcome out = new DeskOutcome();
        if (incident.isOpen()) {
            incident.close(note == null || note.isBlank() ? "closed by support" : "closed by support: " + note, now);
            out.incidents.add(incident);
        }
        return out;
    }

    /** Support asked for something the rules do not allow. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public static class NoSuchIncident extends RuntimeException {
        public NoSuchIncident(String orderId, UUID incidentId) {
            super("order " + orderId + " has no incident " + incidentId);
        }
    }

    private static void tell(Incident incident, Milestone milestone, IncidentReason reason, String causeEventId,
                             Instant causeAt, DeskOutcome out) {
        incident.revision++;
        incident.toldReason = reason;
        out.messages.add(new DeskOutcome.Message(incident, milestone, incident.revision, reason, true, causeEventId,
                causeAt));
    }

    private void give(OrderFacts facts, Incident incident, CompensationPolicy.Decision decision, Journey j,
                      Instant now, DeskOutcome out) {
        CompensationPolicy.Offer offer = decision.offer();
        if (offer == null) {
            incident.compensation = "rule " + decision.rule() + ": apology, no coupon";
            return;
        }
        if (incident.hasCoupon) {
            incident.compensation = "rule " + decision.rule() + ": the incident already has its coupon";
            return;
        }
        if (facts.couponsOfOrder >= policy.maxPerOrder()) {
            incident.compensation = "rule " + decision.rule() + ": no coupon, the order has its " + policy.maxPerOrder();
            return;
        }
        if (facts.couponsOfCustomerThisMonth >= policy.maxPerCustomerPerMonth()) {
            incident.compensation = "rule " + decision.rule() + ": no coupon, the customer has "
                    + policy.maxPerCustomerPerMonth() + " this month";
            return;
        }
        ZoneId zone = ZoneId.of(j.customer().timeZone());
        Instant expires = now.atZone(zone).toLocalDate().plusDays(offer.validDays()).atTime(LocalTime.of(23, 59, 59))
                .atZone(zone).toInstant();
        out.coupons.add(new DeskOutcome.CouponGrant(incident, offer, decision.rule(), policy.dryRun(), expires, now));
        incident.compensation = (policy.dryRun() ? "dry run, would give: " : "rule " + decision.rule() + ": ")
                + offer.value().stripTrailingZeros().toPlainString()
                + (offer.kind() == dev.ordertracking.compensation.CouponKind.PERCENT ? "%" : " " + offer.currency())
                + " coupon";
        incident.hasCoupon = true;
        if (!policy.dryRun()) {
            facts.couponsOfOrder++;
            facts.couponsOfCustomerThisMonth++;
        }
    }

    /**
     * The delivery date to tell: the carrier's estimate when it has one (the sign's own, then the
     * journey's; our forecast's "at the latest" date only after the carrier's); a date already told that
     * has not passed; otherwise the promise plus the carrier's observed median delay, or the
     * configured buffer for the reason (counted from today once the promise has passed). A failed
     * attempt is retried: the buffer counts from today, and the promise holds if the retry is in time.
     */
    LocalDate newDate(Journey j, Incident incident, DelaySignal s, LocalDate today) {
        // Our own forecast's date (FORECAST) yields to the carrier's estimate; a carrier's sign's does not.
        boolean ours = s.kind() == SignalKind.FORECAST;
        if (!ours && s.estimate() != null && !s.estimate().isBefore(today)) {
            return s.estimate();
        }
        LocalDate carrierEstimate = j.estimatedDeliveryDate();
        if (carrierEstimate != null && carrierEstimate.isAfter(j.promisedDeliveryDate())
                && !carrierEstimate.isBefore(today)) {
            return carrierEstimate;
        }
        if (ours && s.estimate() != null && !s.estimate().isBefore(today)) {
            return s.estimate();
        }
        if (incident.newDate != null && incident.newDate.isAfter(today) && s.kind() == SignalKind.PROMISE_DEADLINE) {
            return incident.newDate;
        }
        int days = carrier(j).flatMap(history::medianDelayDays).orElse(bufferDays.applyAsInt(s.reason()));
        days = Math.max(0, days);
        if (s.kind() == SignalKind.ATTEMPT_FAILED) {
            // The carrier tries again: late only if the next try, the buffer from today, misses the promise.
            LocalDate retry = today.plusDays(Math.max(1, days));
            return retry.isAfter(j.promisedDeliveryDate()) ? retry : j.promisedDeliveryDate();
        }
        LocalDate fromPromise = j.promisedDeliveryDate().plusDays(days);
        return !fromPromise.isBefore(today) ? fromPromise : today.plusDays(Math.max(1, days));
    }

    private static Optional<String> carrier(Journey j) {
        return j.shipments().stream()
                .filter(s -> s.carrier() != null)
                .max(Comparator.comparing(ShipmentState::lastUpdateAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(ShipmentState::carrier);
    }

    private static LocalDate today(Journey j, Instant now) {
        return now.atZone(ZoneId.of(j.customer().timeZone())).toLocalDate();
    }
}
