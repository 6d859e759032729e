package dev.ordertracking.journey;

import dev.ordertracking.journey.JourneyFact.OrderCancelled;
import dev.ordertracking.journey.JourneyFact.OrderConfirmed;
import dev.ordertracking.journey.JourneyFact.OrderPlaced;
import dev.ordertracking.journey.JourneyFact.ShipmentCreated;
import dev.ordertracking.journey.JourneyFact.ShipmentStatusChanged;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives a journey from the set of an order's events. The events are applied in the order they
 * happened, whatever order they arrived in, so any arrival order of the same events gives the
 * same journey: late and out-of-order events need no special path.
 */
public final class JourneyFolder {

    /** Happened-at order; equal times put the further-along status last, then the id decides. */
    static final Comparator<RecordedEvent> HAPPENED_ORDER = Comparator
            .comparing(RecordedEvent::occurredAt)
            .thenComparingInt(JourneyFolder::tieRank)
            .thenComparing(RecordedEvent::eventId);

    private final String defaultLocale;
    private final ZoneId defaultZone;

    public JourneyFolder(String defaultLocale, ZoneId defaultZone) {
        this.defaultLocale = defaultLocale;
        this.defaultZone = defaultZone;
    }

    /** The journey, or empty while the order's {@code order.placed} has not arrived (events wait). */
    public Optional<Journey> fold(Collection<RecordedEvent> events) {
        List<RecordedEvent> sorted = new ArrayList<>(events);
        sorted.sort(HAPPENED_ORDER);
        Fold fold = new Fold();
        sorted.forEach(fold::apply);
        return fold.placed == null ? Optional.empty() : Optional.of(fold.result(sorted));
    }

    private static int tieRank(RecordedEvent event) {
        JourneyFact fact = event.fact();
        if (fact instanceof OrderPlaced) {
            return 0;
        } else if (fact instanceof OrderConfirmed) {
            return 1;
        } else if (fact instanceof ShipmentCreated) {
            return 2;
        } else if (fact instanceof ShipmentStatusChanged s) {
            return 3 + s.status().progress;
        }
        return 10;
    }

    /** Mutable state of one fold; never escapes. */
    private final class Fold {
        OrderPlaced placed;
        String placedEventId;
        Instant confirmedAt;
        String confirmedEventId;
        OrderCancelled cancelled;
        String cancelledEventId;
        final Map<String, MutableShipment> shipments = new LinkedHashMap<>();
        final List<Anomaly> anomalies = new ArrayList<>();
        Instant lastCarrierUpdateAt;

        void apply(RecordedEvent event) {
            if (cancelled != null && !(event.fact() instanceof OrderCancelled)) {
                anomalies.add(new Anomaly(Anomaly.EVENT_AFTER_CANCELLATION,
                        event.type() + " happened after the order was cancelled", event.eventId()));
            }
            JourneyFact fact = event.fact();
            if (fact instanceof OrderPlaced p) {
                onPlaced(p, event);
            } else if (fact instanceof OrderConfirmed c) {
                if (confirmedAt == null) {
                    confirmedAt = c.confirmedAt();
                    confirmedEventId = event.eventId();
                }
            } else if (fact instanceof OrderCancelled c) {
                if (cancelled == null) {
                    cancelled = c;
                    cancelledEventId = event.eventId();
                }
            } else if (fact instanceof ShipmentCreated s) {
                onShipmentCreated(s, event);
            } else if (fact instanceof ShipmentStatusChanged s) {
                onStatusChanged(s, event);
            }
        }

        private void onPlaced(OrderPlaced p, RecordedEvent event) {
            if (placed == null) {
                placed = p;
                placedEventId = event.eventId();
            } else {
                anomalies.add(new Anomaly(Anomaly.ORDER_PLACED_AGAIN,
                        "a second order.placed arrived; the first one is kept", event.eventId()));
            }
        }

        private void onShipmentCreated(ShipmentCreated s, RecordedEvent event) {
            MutableShipment shipment = shipments.get(s.shipmentId());
            if (shipment != null && shipment.created) {
                anomalies.add(new Anomaly(Anomaly.SHIPMENT_CREATED_AGAIN,
                        "shipment " + s.shipmentId() + " was created twice; the first one is kept", event.eventId()));
                return;
            }
            if (shipment == null) {
                shipment = new MutableShipment(s.shipmentId());
                shipment.status = ShipmentStatus.CREATED;
                shipments.put(s.shipmentId(), shipment);
            }
            shipment.created = true;
            shipment.createdEventId = event.eventId();
            shipment.carrier = s.carrier();
            shipment.trackingNumber = s.trackingNumber();
            shipment.carrierTrackingUrl = s.carrierTrackingUrl();
            shipment.shippedAt = s.shippedAt();
            shipment.skus = s.skus() == null ? List.of() : List.copyOf(s.skus());
            if (s.estimatedDeliveryDate() != null) {
                shipment.estimatedDeliveryDate = s.estimatedDeliveryDate();
            }
            if (shipment.lastUpdateAt == null) {
                shipment.lastUpdateAt = s.shippedAt();
            }
        }

        private void onStatusChanged(ShipmentStatusChanged s, RecordedEvent event) {
            MutableShipment shipment = shipments.get(s.shipmentId());
            if (shipment == null) {
                // Kept: the shipment.created may still come, or never; either way the update counts.
                shipment = new MutableShipment(s.shipmentId());
                shipment.firstStatusEventId = event.eventId();
                shipments.put(s.shipmentId(), shipment);
            }
            lastCarrierUpdateAt = s.occurredAt();
            if (s.estimatedDeliveryDate() != null) {
                shipment.estimatedDeliveryDate = s.estimatedDeliveryDate();
            }
            if (shipment.status != null && shipment.status.isTerminal()) {
                if (shipment.status != s.status()) {
                    anomalies.add(new Anomaly(Anomaly.STATUS_AFTER_TERMINAL, "shipment " + s.shipmentId() + " reported "
                            + s.status() + " after " + shipment.status + "; kept as " + shipment.status, event.eventId()));
                }
                return;
            }
            shipment.status = s.status();
            shipment.reason = s.reason();
            shipment.description = s.description();
            shipment.location = s.location();
            shipment.lastUpdateAt = s.occurredAt();
            if (s.status() == ShipmentStatus.DELIVERED) {
                shipment.deliveredAt = s.occurredAt();
                shipment.deliveredEventId = event.eventId();
            }
        }

        Journey result(List<RecordedEvent> sorted) {
            Customer customer = customer(placed.customer());
            ZoneId zone = ZoneId.of(customer.timeZone());
            LocalDate promised = placed.promisedDeliveryDate();
            Instant deadline = promised.plusDays(1).atStartOfDay(zone).toInstant();

            List<ShipmentState> shipmentStates = shipments.values().stream().map(MutableShipment::state).toList();
            boolean allDelivered = !shipmentStates.isEmpty()
                    && shipmentStates.stream().allMatch(s -> s.status() == ShipmentStatus.DELIVERED);
            Instant deliveredAt = allDelivered
                    ? shipmentStates.stream().map(ShipmentState::deliveredAt).max(Comparator.naturalOrder()).orElseThrow()
                    : null;

            addOrderLevelAnomalies(deliveredAt);

            OrderStatus status = status(shipmentStates, allDelivered);
            DeliveryTiming timing = null;
            Double hours = null;
            if (status == OrderStatus.DELIVERED) {
                LocalDate deliveredDay = deliveredAt.atZone(zone).toLocalDate();
                int cmp = deliveredDay.compareTo(promised);
                timing = cmp < 0 ? DeliveryTiming.EARLY : cmp == 0 ? DeliveryTiming.ON_TIME : DeliveryTiming.LATE;
                hours = Duration.between(placed.placedAt(), deliveredAt).toMillis() / 3_600_000.0;
            }
            LocalDate estimate = shipmentStates.stream()
                    .map(ShipmentState::estimatedDeliveryDate)
                    .filter(d -> d != null)
                    .max(Comparator.naturalOrder()).orElse(null);

            return new Journey(placed.orderId(), status, customer,
                    placed.items() == null ? List.of() : List.copyOf(placed.items()),
                    placed.currency(), placed.total(), placed.shippingAddress(), placed.placedAt(), confirmedAt,
                    cancelled == null ? null : cancelled.cancelledAt(),
                    cancelled == null ? null : cancelled.reason(),
                    promised, deadline, estimate, deliveredAt, timing, hours, shipmentStates,
                    List.copyOf(anomalies), sorted.size(), sorted.get(sorted.size() - 1).occurredAt(),
                    lastCarrierUpdateAt);
        }

        private void addOrderLevelAnomalies(Instant deliveredAt) {
            for (MutableShipment s : shipments.values()) {
                if (s.shippedAt != null && s.shippedAt.isBefore(placed.placedAt())) {
                    anomalies.add(new Anomaly(Anomaly.SHIPPED_BEFORE_PLACED, "shipment " + s.shipmentId
                            + " was handed to the carrier before the order was placed", s.createdEventId));
                }
                if (confirmedAt != null && s.shippedAt != null && confirmedAt.isAfter(s.shippedAt)) {
                    anomalies.add(new Anomaly(Anomaly.CONFIRMED_AFTER_SHIPPED, "payment was approved after shipment "
                            + s.shipmentId + " was handed to the carrier", confirmedEventId));
                }
                if (s.deliveredAt != null && s.shippedAt != null && s.deliveredAt.isBefore(s.shippedAt)) {
                    anomalies.add(new Anomaly(Anomaly.DELIVERED_BEFORE_SHIPPED, "shipment " + s.shipmentId
                            + " was delivered before it was handed to the carrier", s.deliveredEventId));
                }
                if (s.deliveredAt != null && s.deliveredAt.isBefore(placed.placedAt())) {
                    anomalies.add(new Anomaly(Anomaly.DELIVERED_BEFORE_PLACED, "shipment " + s.shipmentId
                            + " was delivered before the order was placed", s.deliveredEventId));
                }
                if (!s.created) {
                    anomalies.add(new Anomaly(Anomaly.UNKNOWN_SHIPMENT, "shipment " + s.shipmentId
                            + " has carrier updates but no shipment.created", s.firstStatusEventId));
                }
            }
            // Cancel-then-deliver is already flagged per event as EVENT_AFTER_CANCELLATION.
            if (cancelled != null && deliveredAt != null && !cancelled.cancelledAt().isBefore(deliveredAt)) {
                anomalies.add(new Anomaly(Anomaly.DELIVERED_THEN_CANCELLED,
                        "the order was cancelled although every shipment was delivered", cancelledEventId));
            }
        }

        private OrderStatus status(List<ShipmentState> states, boolean allDelivered) {
            if (cancelled != null) {
                return OrderStatus.CANCELLED;
            }
            if (states.isEmpty()) {
                return confirmedAt != null ? OrderStatus.CONFIRMED : OrderStatus.PLACED;
            }
            if (allDelivered) {
                return OrderStatus.DELIVERED;
            }
            List<ShipmentStatus> open = states.stream().map(ShipmentState::status)
                    .filter(s -> s != ShipmentStatus.DELIVERED).toList();
            if (open.contains(ShipmentStatus.EXCEPTION) || open.contains(ShipmentStatus.ATTEMPT_FAILED)) {
                return OrderStatus.EXCEPTION;
            }
            if (open.stream().allMatch(s -> s == ShipmentStatus.RETURNED_TO_SENDER)) {
                return OrderStatus.RETURNED_TO_SENDER;
            }
            // The order is as far along as its least advanced open parcel.
            ShipmentStatus least = open.stream().filter(s -> s != ShipmentStatus.RETURNED_TO_SENDER)
                    .min(Comparator.comparingInt(s -> s.progress)).orElseThrow();
            return switch (least) {
                case CREATED -> OrderStatus.SHIPPED;
                case IN_TRANSIT -> OrderStatus.IN_TRANSIT;
                case OUT_FOR_DELIVERY -> OrderStatus.OUT_FOR_DELIVERY;
                case AVAILABLE_FOR_PICKUP -> OrderStatus.AVAILABLE_FOR_PICKUP;
                default -> OrderStatus.IN_TRANSIT;
            };
        }

        private Customer customer(JourneyFact.CustomerData c) {
            String locale = c.locale() == null || c.locale().isBlank() ? defaultLocale : c.locale();
            String zone = c.timeZone() == null || c.timeZone().isBlank() ? defaultZone.getId() : c.timeZone();
            return new Customer(c.id(), c.firstName(), c.lastName(), c.email(), c.phone(), locale, zone);
        }
    }

    private static final class MutableShipment {
        final String shipmentId;
        boolean created;
        String createdEventId;
        String firstStatusEventId;
        String deliveredEventId;
        String carrier;
        String trackingNumber;
        String carrierTrackingUrl;
        ShipmentStatus status;
        DelayReason reason;
        String description;
        String location;
        LocalDate estimatedDeliveryDate;
        Instant shippedAt;
        Instant deliveredAt;
        Instant lastUpdateAt;
        List<String> skus = List.of();

        MutableShipment(String shipmentId) {
            this.shipmentId = shipmentId;
        }

        ShipmentState state() {
            return new ShipmentState(shipmentId, carrier, trackingNumber, carrierTrackingUrl, status, reason,
                    description, location, estimatedDeliveryDate, shippedAt, deliveredAt, lastUpdateAt, skus);
        }
    }

    /** For callers that have no configuration at hand (tests, the backtest). */
    public static JourneyFolder withDefaults() {
        return new JourneyFolder("en", ZoneOffset.UTC);
    }
}
