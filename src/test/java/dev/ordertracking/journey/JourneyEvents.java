package dev.ordertracking.journey;

import dev.ordertracking.journey.JourneyFact.CustomerData;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Builds recorded events of one order for the journey tests. The event's {@code time} and the
 * fact's own timestamp are the same instant, as the contract says ({@code time} is when it happened).
 */
public final class JourneyEvents {

    public static final String ORDER = "A1001";

    private JourneyEvents() {
    }

    public static Instant at(String iso) {
        return Instant.parse(iso);
    }

    public static CustomerData customer(String locale, String timeZone) {
        return new CustomerData("C42", "Sara", "Ahmadi", "sara@example.com", "+989121234567", locale, timeZone);
    }

    public static RecordedEvent placed(String id, String at) {
        return placed(id, at, "2026-11-26", customer("fa-IR", "Asia/Tehran"));
    }

    public static RecordedEvent placed(String id, String at, String promised, CustomerData customer) {
        Instant time = at(at);
        return event(id, "order.placed", time, new JourneyFact.OrderPlaced(ORDER, time, LocalDate.parse(promised),
                customer, List.of(new OrderItem("CUP-4", "Espresso cups (set of 4)", 1, new BigDecimal("24.90"))),
                "EUR", new BigDecimal("24.90"),
                new Address("12 Vali-e Asr Ave", null, "Tehran", "1511", null, "IR")));
    }

    public static RecordedEvent confirmed(String id, String at) {
        Instant time = at(at);
        return event(id, "order.confirmed", time, new JourneyFact.OrderConfirmed(ORDER, time));
    }

    public static RecordedEvent cancelled(String id, String at) {
        Instant time = at(at);
        return event(id, "order.cancelled", time, new JourneyFact.OrderCancelled(ORDER, time, "customer_request"));
    }

    public static RecordedEvent shipped(String id, String shipmentId, String at) {
        return shipped(id, shipmentId, at, null, "JD" + shipmentId);
    }

    public static RecordedEvent shipped(String id, String shipmentId, String at, String estimate) {
        return shipped(id, shipmentId, at, estimate, "JD" + shipmentId);
    }

    public static RecordedEvent shipped(String id, String shipmentId, String at, String estimate, String trackingNumber) {
        Instant time = at(at);
        return event(id, "shipment.created", time, new JourneyFact.ShipmentCreated(ORDER, shipmentId, "DHL",
                trackingNumber, "https://carrier.example/track/" + trackingNumber,
                estimate == null ? null : LocalDate.parse(estimate), time, List.of("CUP-4")));
    }

    public static RecordedEvent status(String id, String shipmentId, ShipmentStatus status, String at) {
        return status(id, shipmentId, status, at, null, null);
    }

    public static RecordedEvent status(String id, String shipmentId, ShipmentStatus status, String at, DelayReason reason,
                                String estimate) {
        Instant time = at(at);
        return event(id, "shipment.status_changed", time, new JourneyFact.ShipmentStatusChanged(ORDER, shipmentId,
                status, reason, reason == null ? null : "held: " + reason, "Leipzig, DE",
                estimate == null ? null : LocalDate.parse(estimate), time));
    }

    public static RecordedEvent event(String id, String type, Instant time, JourneyFact fact) {
        return new RecordedEvent(id, type, time, time, true, fact);
    }

    /** The journey of these events with the folder's built-in defaults; fails if there is none. */
    public static Journey fold(RecordedEvent... events) {
        return JourneyFolder.withDefaults().fold(Arrays.asList(events)).orElseThrow();
    }

    /** Anomalies as {@code CODE@eventId}, in the order the journey lists them. */
    public static List<String> anomalies(Journey journey) {
        return journey.anomalies().stream().map(a -> a.code() + "@" + a.eventId()).toList();
    }
}
