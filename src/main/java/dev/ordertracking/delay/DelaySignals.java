package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.journey.DelayReason;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentState;
import dev.ordertracking.journey.ShipmentStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The signs of trouble a journey change shows, found by comparing the journey before and after
 * (so a redelivered or reordered event never gives the same sign twice). Delivered and cancelled
 * orders give none: delivery and cancellation close incidents instead.
 */
public final class DelaySignals {

    private static final Set<ShipmentStatus> TROUBLE = Set.of(ShipmentStatus.EXCEPTION, ShipmentStatus.ATTEMPT_FAILED,
            ShipmentStatus.RETURNED_TO_SENDER);

    private DelaySignals() {
    }

    public static List<DelaySignal> detect(JourneyChange change, List<RecordedEvent> events) {
        Journey after = change.after();
        List<DelaySignal> signals = new ArrayList<>();
        if (after.status() == OrderStatus.DELIVERED || after.status() == OrderStatus.CANCELLED) {
            return signals;
        }
        Map<String, ShipmentState> previous = change.before().map(b -> b.shipments().stream()
                .collect(Collectors.toMap(ShipmentState::shipmentId, s -> s))).orElse(Map.of());
        for (ShipmentState s : after.shipments()) {
            if (s.status() == null || !TROUBLE.contains(s.status())) {
                continue;
            }
            ShipmentState was = previous.get(s.shipmentId());
            if (was != null && was.status() == s.status() && was.reason() == s.reason()) {
                continue;
            }
            IncidentReason reason = IncidentReason.of(s.reason());
            IncidentCause cause = s.reason() == DelayReason.LOST ? IncidentCause.LOST
                    : s.reason() == DelayReason.DAMAGED ? IncidentCause.DAMAGED : IncidentCause.DELAY;
            latest(events, e -> e.fact() instanceof JourneyFact.ShipmentStatusChanged c
                    && c.shipmentId().equals(s.shipmentId()) && c.status() == s.status()).ifPresent(e -> {
                JourneyFact.ShipmentStatusChanged c = (JourneyFact.ShipmentStatusChanged) e.fact();
                String detail = s.status() + (c.description() == null ? "" : ": " + c.description())
                        + (c.location() == null ? "" : " (" + c.location() + ")");
                SignalKind kind = s.status() == ShipmentStatus.ATTEMPT_FAILED ? SignalKind.ATTEMPT_FAILED
                        : SignalKind.CARRIER_STATUS;
                signals.add(new DelaySignal(kind, cause, reason, s.shipmentId(),
                        c.estimatedDeliveryDate(), detail, e.eventId(), e.occurredAt(), e.live()));
            });
        }
        LocalDate promised = after.promisedDeliveryDate();
        LocalDate estimate = after.estimatedDeliveryDate();
        LocalDate estimateBefore = change.before().map(Journey::estimatedDeliveryDate).orElse(null);
        if (estimate != null && estimate.isAfter(promised)
                && (estimateBefore == null || estimate.isAfter(estimateBefore))) {
            latest(events, e -> carried(e.fact()) != null && estimate.equals(carried(e.fact()).estimate()))
                    .ifPresent(e -> signals.add(new DelaySignal(SignalKind.ESTIMATE_PAST_PROMISE, IncidentCause.DELAY,
                            IncidentReason.ESTIMATE_PAST_PROMISE, carried(e.fact()).shipmentId(), estimate,
                            "carrier estimate " + estimate + " is after the promised " + promised, e.eventId(),
                            e.occurredAt(), e.live())));
        }
        return signals;
    }

    /** The parcel and estimate a shipment event carries; null for order events. */
    private record Carried(String shipmentId, LocalDate estimate) {
    }

    private static Carried carried(JourneyFact fact) {
        if (fact instanceof JourneyFact.ShipmentCreated c) {
            return new Carried(c.shipmentId(), c.estimatedDeliveryDate());
        }
        if (fact instanceof JourneyFact.ShipmentStatusChanged c) {
            return new Carried(c.shipmentId(), c.estimatedDeliveryDate());
        }
        return null;
    }

    /** The latest matching event: the one the journey's current state comes from. */
    private static Optional<RecordedEvent> latest(List<RecordedEvent> events, Predicate<RecordedEvent> matches) {
        return events.stream().filter(Objects::nonNull).filter(matches).max(Comparator.comparing(RecordedEvent::occurredAt));
    }
}
