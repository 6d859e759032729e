package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentState;
import dev.ordertracking.journey.ShipmentStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which milestones a journey change reached, from the journey before and after (never from the
 * events alone, so a redelivered or reordered event cannot announce a milestone twice). When one
 * change reaches several, those made pointless by a newer one in the same change are left out: an
 * order that arrives confirmed, shipped and delivered at once only says "delivered".
 */
public final class MilestoneDetector {

    /** What each milestone makes pointless if it has not been sent yet. */
    static final Map<Milestone, Set<Milestone>> SUPERSEDES = Map.ofEntries(
            Map.entry(Milestone.ORDER_CONFIRMED, EnumSet.noneOf(Milestone.class)),
            Map.entry(Milestone.SHIPPED, EnumSet.of(Milestone.ORDER_CONFIRMED)),
            Map.entry(Milestone.OUT_FOR_DELIVERY, EnumSet.of(Milestone.ORDER_CONFIRMED, Milestone.ATTEMPT_FAILED)),
            Map.entry(Milestone.ATTEMPT_FAILED, EnumSet.of(Milestone.ORDER_CONFIRMED, Milestone.OUT_FOR_DELIVERY)),
            Map.entry(Milestone.AVAILABLE_FOR_PICKUP, EnumSet.of(Milestone.ORDER_CONFIRMED, Milestone.OUT_FOR_DELIVERY,
                    Milestone.ATTEMPT_FAILED)),
            Map.entry(Milestone.DELIVERED, EnumSet.of(Milestone.ORDER_CONFIRMED, Milestone.SHIPPED,
                    Milestone.OUT_FOR_DELIVERY, Milestone.ATTEMPT_FAILED, Milestone.AVAILABLE_FOR_PICKUP,
                    Milestone.DELAY_NOTICE)),
            Map.entry(Milestone.CANCELLED, EnumSet.complementOf(EnumSet.of(Milestone.CANCELLED))),
            // Apologies are planned by the incident desk, never detected here; none makes another pointless.
            Map.entry(Milestone.DELAY_NOTICE, EnumSet.noneOf(Milestone.class)),
            Map.entry(Milestone.LATE_DELIVERY, EnumSet.noneOf(Milestone.class)),
            Map.entry(Milestone.PARCEL_PROBLEM, EnumSet.noneOf(Milestone.class)),
            // Planned with DELIVERED, a while later.
            Map.entry(Milestone.FEEDBACK_REQUEST, EnumSet.noneOf(Milestone.class)));

    private MilestoneDetector() {
    }

    public static Set<Milestone> supersededBy(Milestone milestone) {
        return SUPERSEDES.get(milestone);
    }

    /**
     * @param events every event of the order (the journey's source), to name each milestone's cause
     */
    public static List<MilestoneReached> detect(JourneyChange change, List<RecordedEvent> events) {
        Journey after = change.after();
        Optional<Journey> before = change.before();
        List<MilestoneReached> reached = new ArrayList<>();

        if (after.status() == OrderStatus.CANCELLED) {
            if (before.map(b -> b.status() != OrderStatus.CANCELLED).orElse(true)) {
                cause(events, e -> e.fact() instanceof JourneyFact.OrderCancelled)
                        .ifPresent(e -> reached.add(new MilestoneReached(Milestone.CANCELLED, null, e)));
            }
            return reached;
        }
        if (after.confirmedAt() != null && before.map(b -> b.confirmedAt() == null).orElse(true)) {
            cause(events, e -> e.fact() instanceof JourneyFact.OrderConfirmed)
                    .ifPresent(e -> reached.add(new MilestoneReached(Milestone.ORDER_CONFIRMED, null, e)));
        }
        Map<String, ShipmentState> previous = before.map(b -> b.shipments().stream()
                        .collect(Collectors.toMap(ShipmentState::shipmentId, s -> s)))
                .orElse(Map.of());
        for (ShipmentState shipment : after.shipments()) {
            ShipmentState was = previous.get(shipment.shipmentId());
            if (was == null && shipment.shippedAt() != null) {
                cause(events, e -> e.fact() instanceof JourneyFact.ShipmentCreated c
                        && c.shipmentId().equals(shipment.shipmentId()))
                        .ifPresent(e -> reached.add(new MilestoneReached(Milestone.SHIPPED, shipment.shipmentId(), e)));
            }
            Milestone byStatus = milestoneOf(shipment.status());
            if (byStatus != null && byStatus != Milestone.DELIVERED
                    && (was == null || was.status() != shipment.status())) {
                statusCause(events, shipment.shipmentId(), shipment.status())
                        .ifPresent(e -> reached.add(new MilestoneReached(byStatus, shipment.shipmentId(), e)));
            }
        }
        if (change.becameDelivered()) {
            after.shipments().stream()
                    .filter(s -> s.status() == ShipmentStatus.DELIVERED)
                    .max(Comparator.comparing(ShipmentState::deliveredAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .flatMap(s -> statusCause(events, s.shipmentId(), ShipmentStatus.DELIVERED)
                            .map(e -> new MilestoneReached(Milestone.DELIVERED, s.shipmentId(), e)))
                    .ifPresent(reached::add);
        }
        Set<Milestone> pointless = EnumSet.noneOf(Milestone.class);
        reached.forEach(m -> pointless.addAll(SUPERSEDES.get(m.milestone())));
        reached.removeIf(m -> pointless.contains(m.milestone()));
        return reached;
    }

    static Milestone milestoneOf(ShipmentStatus status) {
        switch (status) {
            case OUT_FOR_DELIVERY:
                return Milestone.OUT_FOR_DELIVERY;
            case AVAILABLE_FOR_PICKUP:
                return Milestone.AVAILABLE_FOR_PICKUP;
            case ATTEMPT_FAILED:
                return Milestone.ATTEMPT_FAILED;
            case DELIVERED:
                return Milestone.DELIVERED;
            default:
                return null;
        }
    }

    private static Optional<RecordedEvent> statusCause(List<RecordedEvent> events, String shipmentId,
                                                       ShipmentStatus status) {
        return cause(events, e -> e.fact() instanceof JourneyFact.ShipmentStatusChanged c
                && c.shipmentId().equals(shipmentId) && c.status() == status);
    }

    /** The latest matching event: the one the journey's current state comes from. */
    private static Optional<RecordedEvent> cause(List<RecordedEvent> events, Predicate<RecordedEvent> matches) {
        return events.stream().filter(matches).max(Comparator.comparing(RecordedEvent::occurredAt));
    }
}
