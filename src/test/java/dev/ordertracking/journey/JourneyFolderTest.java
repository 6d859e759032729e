package dev.ordertracking.journey;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static dev.ordertracking.journey.JourneyEvents.ORDER;
import static dev.ordertracking.journey.JourneyEvents.anomalies;
import static dev.ordertracking.journey.JourneyEvents.at;
import static dev.ordertracking.journey.JourneyEvents.cancelled;
import static dev.ordertracking.journey.JourneyEvents.confirmed;
import static dev.ordertracking.journey.JourneyEvents.customer;
import static dev.ordertracking.journey.JourneyEvents.fold;
import static dev.ordertracking.journey.JourneyEvents.placed;
import static dev.ordertracking.journey.JourneyEvents.shipped;
import static dev.ordertracking.journey.JourneyEvents.status;
import static dev.ordertracking.journey.ShipmentStatus.ATTEMPT_FAILED;
import static dev.ordertracking.journey.ShipmentStatus.AVAILABLE_FOR_PICKUP;
import static dev.ordertracking.journey.ShipmentStatus.DELIVERED;
import static dev.ordertracking.journey.ShipmentStatus.EXCEPTION;
import static dev.ordertracking.journey.ShipmentStatus.IN_TRANSIT;
import static dev.ordertracking.journey.ShipmentStatus.OUT_FOR_DELIVERY;
import static dev.ordertracking.journey.ShipmentStatus.RETURNED_TO_SENDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of {@link JourneyFolder}, one test per rule. Unless a test says otherwise the order is
 * placed 2026-11-20 09:15 UTC by a customer in Asia/Tehran (UTC+03:30) with 2026-11-26 promised.
 */
class JourneyFolderTest {

    private static final String PLACED_AT = "2026-11-20T09:15:00Z";

    // --- status -----------------------------------------------------------------------------

    @Test
    void statusProgressesFromPlacedThroughConfirmedShippedInTransitOutForDeliveryToDelivered() {
        var placed = placed("e1", PLACED_AT);
        var confirmed = confirmed("e2", "2026-11-20T09:16:10Z");
        var shipped = shipped("e3", "S-77", "2026-11-21T14:02:00Z", "2026-11-25");
        var inTransit = status("e4", "S-77", IN_TRANSIT, "2026-11-22T08:00:00Z");
        var outForDelivery = status("e5", "S-77", OUT_FOR_DELIVERY, "2026-11-24T06:00:00Z");
        var delivered = status("e6", "S-77", DELIVERED, "2026-11-24T11:30:00Z");

        assertEquals(OrderStatus.PLACED, fold(placed).status());
        assertEquals(OrderStatus.CONFIRMED, fold(placed, confirmed).status());
        assertEquals(OrderStatus.SHIPPED, fold(placed, confirmed, shipped).status());
        assertEquals(OrderStatus.IN_TRANSIT, fold(placed, confirmed, shipped, inTransit).status());
        assertEquals(OrderStatus.OUT_FOR_DELIVERY, fold(placed, confirmed, shipped, inTransit, outForDelivery).status());
        Journey done = fold(placed, confirmed, shipped, inTransit, outForDelivery, delivered);
        assertEquals(OrderStatus.DELIVERED, done.status());
        assertTrue(done.isDelivered());
        assertEquals(at(PLACED_AT), done.placedAt());
        assertEquals(at("2026-11-20T09:16:10Z"), done.confirmedAt());
        assertEquals(at("2026-11-24T11:30:00Z"), done.deliveredAt());
        assertEquals(List.of(), done.anomalies());
        ShipmentState s = done.shipments().get(0);
        assertEquals(DELIVERED, s.status());
        assertEquals(at("2026-11-21T14:02:00Z"), s.shippedAt());
        assertEquals(at("2026-11-24T11:30:00Z"), s.deliveredAt());
        assertEquals(6, done.eventCount());
        assertEquals(at("2026-11-24T11:30:00Z"), done.lastEventAt());
        assertEquals(at("2026-11-24T11:30:00Z"), done.lastCarrierUpdateAt());
    }

    @Test
    void placedOrderWithoutEventsFromTheShopYetIsPlacedWithNothingDerived() {
        Journey j = fold(placed("e1", PLACED_AT));
        assertEquals(ORDER, j.orderId());
        assertEquals(OrderStatus.PLACED, j.status());
        assertEquals(List.of(), j.shipments());
        assertNull(j.deliveredAt());
        assertNull(j.deliveryTiming());
        assertNull(j.onTime());
        assertNull(j.orderToDeliveryHours());
        assertNull(j.estimatedDeliveryDate());
        assertNull(j.lastCarrierUpdateAt());
        assertEquals(1, j.eventCount());
    }

    @Test
    void parcelAtAPickupPointMakesTheOrderAvailableForPickup() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", AVAILABLE_FOR_PICKUP, "2026-11-24T10:00:00Z"));
        assertEquals(OrderStatus.AVAILABLE_FOR_PICKUP, j.status());
        assertNull(j.deliveredAt());
        assertNull(j.onTime());
    }

    @Test
    void carrierExceptionMakesTheOrderException() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", EXCEPTION, "2026-11-24T06:40:00Z", DelayReason.WEATHER, "2026-11-28"));
        assertEquals(OrderStatus.EXCEPTION, j.status());
        assertEquals(EXCEPTION, j.shipments().get(0).status());
        assertEquals(DelayReason.WEATHER, j.shipments().get(0).reason());
    }

    @Test
    void failedDeliveryAttemptMakesTheOrderException() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", OUT_FOR_DELIVERY, "2026-11-24T06:00:00Z"),
                status("e4", "S-77", ATTEMPT_FAILED, "2026-11-24T12:00:00Z", DelayReason.RECIPIENT_UNAVAILABLE, null));
        assertEquals(OrderStatus.EXCEPTION, j.status());
        assertEquals(DelayReason.RECIPIENT_UNAVAILABLE, j.shipments().get(0).reason());
    }

    @Test
    void exceptionIsNotStickyAndTheNextCarrierUpdateMovesTheOrderOn() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", EXCEPTION, "2026-11-24T06:40:00Z", DelayReason.WEATHER, null),
                status("e4", "S-77", IN_TRANSIT, "2026-11-25T06:00:00Z"));
        assertEquals(OrderStatus.IN_TRANSIT, j.status());
        assertNull(j.shipments().get(0).reason());
    }

    @Test
    void parcelOnItsWayBackMakesTheOrderReturnedToSender() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", RETURNED_TO_SENDER, "2026-11-27T09:00:00Z", DelayReason.ADDRESS_ISSUE, null));
        assertEquals(OrderStatus.RETURNED_TO_SENDER, j.status());
        assertNull(j.deliveredAt());
        assertNull(j.deliveryTiming());
        assertNull(j.onTime());
    }

    @Test
    void cancellationWinsOverEveryOtherStatusAndIsNeverLate() {
        // Delivered two days late, then cancelled: the order is cancelled, and a cancelled order is never "late".
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", DELIVERED, "2026-11-28T10:00:00Z"), cancelled("e4", "2026-11-28T12:00:00Z"));
        assertEquals(OrderStatus.CANCELLED, j.status());
        assertFalse(j.isDelivered());
        assertNull(j.deliveryTiming());
        assertNull(j.onTime());
        assertNull(j.orderToDeliveryHours());
        assertEquals(at("2026-11-28T12:00:00Z"), j.cancelledAt());
        assertEquals("customer_request", j.cancelReason());

        Journey early = fold(placed("e1", PLACED_AT), confirmed("e2", "2026-11-20T09:16:00Z"),
                cancelled("e3", "2026-11-20T10:00:00Z"));
        assertEquals(OrderStatus.CANCELLED, early.status());
        assertNull(early.onTime());
        assertEquals(List.of(), early.anomalies());
    }

    @Test
    void noJourneyWithoutOrderPlaced() {
        JourneyFolder folder = JourneyFolder.withDefaults();
        assertEquals(Optional.empty(), folder.fold(List.of()));
        assertEquals(Optional.empty(), folder.fold(List.of(confirmed("e2", "2026-11-20T09:16:10Z"),
                shipped("e3", "S-77", "2026-11-21T14:02:00Z"), status("e4", "S-77", DELIVERED, "2026-11-24T11:30:00Z"),
                cancelled("e5", "2026-11-25T00:00:00Z"))));
    }

    // --- several parcels --------------------------------------------------------------------

    @Test
    void severalParcelsAreDeliveredOnlyWhenAllAreAndDeliveredAtIsTheLastDelivery() {
        var placed = placed("e1", PLACED_AT);
        var s1 = shipped("e2", "S-1", "2026-11-21T10:00:00Z");
        var s2 = shipped("e3", "S-2", "2026-11-21T11:00:00Z");
        var s2Delivered = status("e4", "S-2", DELIVERED, "2026-11-23T09:00:00Z");
        var s1Delivered = status("e5", "S-1", DELIVERED, "2026-11-25T16:00:00Z");

        Journey partly = fold(placed, s1, s2, s2Delivered);
        assertFalse(partly.isDelivered());
        assertEquals(OrderStatus.SHIPPED, partly.status());
        assertNull(partly.deliveredAt());
        assertNull(partly.onTime());
        assertEquals(at("2026-11-23T09:00:00Z"), partly.shipments().get(1).deliveredAt());

        Journey all = fold(placed, s1, s2, s2Delivered, s1Delivered);
        assertEquals(OrderStatus.DELIVERED, all.status());
        assertEquals(at("2026-11-25T16:00:00Z"), all.deliveredAt());
        assertEquals(DeliveryTiming.EARLY, all.deliveryTiming());
    }

    @Test
    void orderIsAsFarAlongAsItsLeastAdvancedOpenParcel() {
        var placed = placed("e1", PLACED_AT);
        var s1 = shipped("e2", "S-1", "2026-11-21T10:00:00Z");
        var s2 = shipped("e3", "S-2", "2026-11-21T11:00:00Z");

        assertEquals(OrderStatus.SHIPPED, fold(placed, s1, s2,
                status("e4", "S-1", OUT_FOR_DELIVERY, "2026-11-24T06:00:00Z")).status());
        assertEquals(OrderStatus.IN_TRANSIT, fold(placed, s1, s2,
                status("e4", "S-1", OUT_FOR_DELIVERY, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", IN_TRANSIT, "2026-11-23T06:00:00Z")).status());
        assertEquals(OrderStatus.OUT_FOR_DELIVERY, fold(placed, s1, s2,
                status("e4", "S-1", AVAILABLE_FOR_PICKUP, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", OUT_FOR_DELIVERY, "2026-11-24T07:00:00Z")).status());
        // A delivered parcel is no longer open: the other one decides.
        assertEquals(OrderStatus.OUT_FOR_DELIVERY, fold(placed, s1, s2,
                status("e4", "S-1", DELIVERED, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", OUT_FOR_DELIVERY, "2026-11-24T07:00:00Z")).status());
        // A parcel on its way back does not hold the others back ...
        assertEquals(OrderStatus.AVAILABLE_FOR_PICKUP, fold(placed, s1, s2,
                status("e4", "S-1", RETURNED_TO_SENDER, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", AVAILABLE_FOR_PICKUP, "2026-11-24T07:00:00Z")).status());
        // ... but when every open parcel is on its way back, so is the order.
        assertEquals(OrderStatus.RETURNED_TO_SENDER, fold(placed, s1, s2,
                status("e4", "S-1", DELIVERED, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", RETURNED_TO_SENDER, "2026-11-24T07:00:00Z")).status());
        assertEquals(OrderStatus.RETURNED_TO_SENDER, fold(placed, s1, s2,
                status("e4", "S-1", RETURNED_TO_SENDER, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", RETURNED_TO_SENDER, "2026-11-24T07:00:00Z")).status());
    }

    @Test
    void exceptionOnOneParcelMakesTheOrderException() {
        var placed = placed("e1", PLACED_AT);
        var s1 = shipped("e2", "S-1", "2026-11-21T10:00:00Z");
        var s2 = shipped("e3", "S-2", "2026-11-21T11:00:00Z");
        assertEquals(OrderStatus.EXCEPTION, fold(placed, s1, s2,
                status("e4", "S-1", OUT_FOR_DELIVERY, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", EXCEPTION, "2026-11-24T06:40:00Z", DelayReason.CUSTOMS, null)).status());
        assertEquals(OrderStatus.EXCEPTION, fold(placed, s1, s2,
                status("e4", "S-1", DELIVERED, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", ATTEMPT_FAILED, "2026-11-24T12:00:00Z", DelayReason.RECIPIENT_UNAVAILABLE,
                        null)).status());
        assertEquals(OrderStatus.EXCEPTION, fold(placed, s1, s2,
                status("e4", "S-1", RETURNED_TO_SENDER, "2026-11-24T06:00:00Z"),
                status("e5", "S-2", EXCEPTION, "2026-11-24T12:00:00Z", DelayReason.LOST, null)).status());
    }

    // --- the promise ------------------------------------------------------------------------

    @Test
    void promiseDeadlineIsTheStartOfTheDayAfterThePromisedDateInTheCustomersZone() {
        // Tehran is UTC+03:30 all year: midnight starting 2026-11-27 there is 20:30 UTC on the 26th.
        Journey tehran = fold(placed("e1", PLACED_AT, "2026-11-26", customer("fa-IR", "Asia/Tehran")));
        assertEquals(java.time.LocalDate.of(2026, 11, 26), tehran.promisedDeliveryDate());
        assertEquals(at("2026-11-26T20:30:00Z"), tehran.promiseDeadline());

        // Sao Paulo is UTC-03:00: midnight starting 2026-11-27 there is 03:00 UTC on the 27th.
        Journey saoPaulo = fold(placed("e1", PLACED_AT, "2026-11-26", customer("pt-BR", "America/Sao_Paulo")));
        assertEquals(at("2026-11-27T03:00:00Z"), saoPaulo.promiseDeadline());
    }

    @Test
    void promiseDeadlineUsesTheZonesOffsetOnThatDayNotAtPlacement() {
        // Placed under Sao Paulo standard time (UTC-03:00); DST (UTC-02:00) began 2018-11-04, before the deadline.
        Journey saoPaulo = fold(placed("e1", "2018-10-30T12:00:00Z", "2018-11-10",
                customer("pt-BR", "America/Sao_Paulo")));
        assertEquals(at("2018-11-11T02:00:00Z"), saoPaulo.promiseDeadline());

        // Placed under Tehran summer time (UTC+04:30); it ended 2021-09-22, before the deadline (UTC+03:30).
        Journey tehran = fold(placed("e1", "2021-09-15T12:00:00Z", "2021-09-22", customer("fa-IR", "Asia/Tehran")));
        assertEquals(at("2021-09-22T20:30:00Z"), tehran.promiseDeadline());
    }

    @Test
    void deliveryIsEarlyOnTimeOrLateByCalendarDayInTheCustomersZone() {
        assertEquals(DeliveryTiming.EARLY, deliveredAt("2026-11-25T12:00:00Z").deliveryTiming());
        assertEquals(true, deliveredAt("2026-11-25T12:00:00Z").onTime());
        // 2026-11-25 20:00 UTC is 23:30 on the 25th in Tehran: still early.
        assertEquals(DeliveryTiming.EARLY, deliveredAt("2026-11-25T20:00:00Z").deliveryTiming());
        // 2026-11-25 22:00 UTC is already 01:30 on the 26th in Tehran: on the promised day, not early.
        assertEquals(DeliveryTiming.ON_TIME, deliveredAt("2026-11-25T22:00:00Z").deliveryTiming());
        // Last minute of the promised day in Tehran.
        Journey lastMinute = deliveredAt("2026-11-26T20:29:59Z");
        assertEquals(DeliveryTiming.ON_TIME, lastMinute.deliveryTiming());
        assertEquals(true, lastMinute.onTime());
        // 2026-11-26 22:00 UTC is still the 26th in UTC but 01:30 on the 27th in Tehran: late.
        Journey late = deliveredAt("2026-11-26T22:00:00Z");
        assertEquals(DeliveryTiming.LATE, late.deliveryTiming());
        assertEquals(false, late.onTime());
        assertTrue(late.deliveredAt().isAfter(late.promiseDeadline()));
    }

    @Test
    void deliveryTimingUsesTheCustomersZoneWestOfUtcToo() {
        // 2026-11-27 01:00 UTC is 22:00 on the 26th in Sao Paulo: on time although it is the 27th in UTC.
        Journey j = fold(placed("e1", PLACED_AT, "2026-11-26", customer("pt-BR", "America/Sao_Paulo")),
                shipped("e2", "S-77", "2026-11-21T14:02:00Z"), status("e3", "S-77", DELIVERED, "2026-11-27T01:00:00Z"));
        assertEquals(DeliveryTiming.ON_TIME, j.deliveryTiming());
        assertEquals(true, j.onTime());
    }

    @Test
    void orderToDeliveryHoursRunFromPlacedToTheLastDelivery() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-1", "2026-11-21T14:02:00Z"),
                shipped("e3", "S-2", "2026-11-21T14:03:00Z"), status("e4", "S-1", DELIVERED, "2026-11-22T10:00:00Z"),
                status("e5", "S-2", DELIVERED, "2026-11-23T15:45:00Z"));
        // 2026-11-20 09:15 to 2026-11-23 15:45 is 3 days and 6.5 hours.
        assertEquals(78.5, j.orderToDeliveryHours(), 1e-9);
    }

    @Test
    void estimatedDeliveryDateIsTheCarriersLatestEstimateOfTheLastParcel() {
        var placed = placed("e1", PLACED_AT);
        var s1 = shipped("e2", "S-1", "2026-11-21T10:00:00Z", "2026-11-25");
        assertEquals(java.time.LocalDate.parse("2026-11-25"), fold(placed, s1).estimatedDeliveryDate());

        var later = status("e3", "S-1", EXCEPTION, "2026-11-24T06:40:00Z", DelayReason.WEATHER, "2026-11-28");
        assertEquals(java.time.LocalDate.parse("2026-11-28"), fold(placed, s1, later).estimatedDeliveryDate());

        // A newer estimate replaces the older one even when it is sooner (it is the carrier's current estimate).
        var sooner = status("e4", "S-1", IN_TRANSIT, "2026-11-25T06:00:00Z", null, "2026-11-27");
        assertEquals(java.time.LocalDate.parse("2026-11-27"), fold(placed, s1, later, sooner).estimatedDeliveryDate());

        // An update without an estimate keeps the last one.
        var noEstimate = status("e5", "S-1", OUT_FOR_DELIVERY, "2026-11-27T06:00:00Z");
        assertEquals(java.time.LocalDate.parse("2026-11-27"),
                fold(placed, s1, later, sooner, noEstimate).estimatedDeliveryDate());

        // With several parcels the order arrives with the last one: the latest of their estimates.
        var s2 = shipped("e6", "S-2", "2026-11-22T10:00:00Z", "2026-11-29");
        Journey both = fold(placed, s1, later, sooner, noEstimate, s2);
        assertEquals(java.time.LocalDate.parse("2026-11-29"), both.estimatedDeliveryDate());
        assertEquals(java.time.LocalDate.parse("2026-11-27"), both.shipments().get(0).estimatedDeliveryDate());
    }

    // --- terminal statuses ------------------------------------------------------------------

    @Test
    void terminalStatusesAreStickyAndLaterStatusesAreFlagged() {
        var placed = placed("e1", PLACED_AT);
        var shipped = shipped("e2", "S-77", "2026-11-21T14:02:00Z");
        var delivered = status("e3", "S-77", DELIVERED, "2026-11-24T11:30:00Z");
        var returned = status("e4", "S-77", RETURNED_TO_SENDER, "2026-11-25T09:00:00Z", DelayReason.OTHER, null);

        Journey j = fold(placed, shipped, delivered, returned);
        assertEquals(OrderStatus.DELIVERED, j.status());
        assertEquals(DELIVERED, j.shipments().get(0).status());
        assertEquals(at("2026-11-24T11:30:00Z"), j.deliveredAt());
        assertNull(j.shipments().get(0).reason());
        assertEquals(List.of(Anomaly.STATUS_AFTER_TERMINAL + "@e4"), anomalies(j));

        Journey back = fold(placed, shipped, status("e3", "S-77", RETURNED_TO_SENDER, "2026-11-24T09:00:00Z"),
                status("e4", "S-77", IN_TRANSIT, "2026-11-25T09:00:00Z"),
                status("e5", "S-77", DELIVERED, "2026-11-26T09:00:00Z"));
        assertEquals(OrderStatus.RETURNED_TO_SENDER, back.status());
        assertNull(back.deliveredAt());
        assertEquals(List.of(Anomaly.STATUS_AFTER_TERMINAL + "@e4", Anomaly.STATUS_AFTER_TERMINAL + "@e5"),
                anomalies(back));
    }

    @Test
    void theSameTerminalStatusTwiceIsNotAnAnomalyAndTheFirstDeliveryCounts() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", DELIVERED, "2026-11-24T11:30:00Z"),
                status("e4", "S-77", DELIVERED, "2026-11-24T11:35:00Z"));
        assertEquals(at("2026-11-24T11:30:00Z"), j.deliveredAt());
        assertEquals(List.of(), j.anomalies());
    }

    // --- anomalies: each is produced by the situation it names, with the event that shows it ---

    @Test
    void shipmentHandedToTheCarrierBeforeTheOrderWasPlacedIsShippedBeforePlaced() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-20T09:00:00Z"));
        assertEquals(List.of(Anomaly.SHIPPED_BEFORE_PLACED + "@e2"), anomalies(j));
        assertEquals(OrderStatus.SHIPPED, j.status());
    }

    @Test
    void paymentApprovedAfterTheParcelLeftIsConfirmedAfterShipped() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-20T10:00:00Z"),
                confirmed("e3", "2026-11-20T11:00:00Z"));
        assertEquals(List.of(Anomaly.CONFIRMED_AFTER_SHIPPED + "@e3"), anomalies(j));
        assertEquals(OrderStatus.SHIPPED, j.status());
    }

    @Test
    void parcelDeliveredBeforeItWasHandedToTheCarrierIsDeliveredBeforeShipped() {
        Journey j = fold(placed("e1", PLACED_AT), status("e2", "S-77", DELIVERED, "2026-11-21T10:00:00Z"),
                shipped("e3", "S-77", "2026-11-21T14:02:00Z"));
        assertEquals(List.of(Anomaly.DELIVERED_BEFORE_SHIPPED + "@e2"), anomalies(j));
        assertEquals(OrderStatus.DELIVERED, j.status());
        assertEquals(at("2026-11-21T10:00:00Z"), j.deliveredAt());
        assertEquals("JDS-77", j.shipments().get(0).trackingNumber());
    }

    @Test
    void parcelDeliveredBeforeTheOrderWasPlacedIsDeliveredBeforePlaced() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-19T08:00:00Z"),
                status("e3", "S-77", DELIVERED, "2026-11-19T18:00:00Z"));
        assertEquals(List.of(Anomaly.SHIPPED_BEFORE_PLACED + "@e2", Anomaly.DELIVERED_BEFORE_PLACED + "@e3"),
                anomalies(j));
    }

    @Test
    void orderCancelledAfterEveryParcelWasDeliveredIsDeliveredThenCancelled() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", DELIVERED, "2026-11-24T11:30:00Z"), cancelled("e4", "2026-11-25T08:00:00Z"));
        assertEquals(List.of(Anomaly.DELIVERED_THEN_CANCELLED + "@e4"), anomalies(j));
        assertEquals(OrderStatus.CANCELLED, j.status());
        // The delivery stays on record.
        assertEquals(at("2026-11-24T11:30:00Z"), j.deliveredAt());
    }

    @Test
    void deliveryAfterTheCancellationIsAnEventAfterCancellationOnly() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                cancelled("e3", "2026-11-22T08:00:00Z"), status("e4", "S-77", DELIVERED, "2026-11-24T11:30:00Z"));
        assertEquals(List.of(Anomaly.EVENT_AFTER_CANCELLATION + "@e4"), anomalies(j));
        assertEquals(OrderStatus.CANCELLED, j.status());
    }

    @Test
    void anyEventThatHappenedAfterTheCancellationIsEventAfterCancellation() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                cancelled("e3", "2026-11-21T15:00:00Z"), status("e4", "S-77", IN_TRANSIT, "2026-11-22T08:00:00Z"),
                confirmed("e5", "2026-11-22T09:00:00Z"));
        assertEquals(List.of(Anomaly.EVENT_AFTER_CANCELLATION + "@e4", Anomaly.EVENT_AFTER_CANCELLATION + "@e5",
                Anomaly.CONFIRMED_AFTER_SHIPPED + "@e5"), anomalies(j));
        assertEquals(OrderStatus.CANCELLED, j.status());
        // A second cancellation is not "an event after cancellation".
        Journey twice = fold(placed("e1", PLACED_AT), cancelled("e2", "2026-11-21T15:00:00Z"),
                cancelled("e3", "2026-11-21T16:00:00Z"));
        assertEquals(List.of(), twice.anomalies());
        assertEquals(at("2026-11-21T15:00:00Z"), twice.cancelledAt());
    }

    @Test
    void carrierUpdatesForAShipmentNeverCreatedAreUnknownShipmentAndStillCount() {
        // Arrival order differs from happened order: the anomaly names the first update that happened.
        Journey j = fold(placed("e1", PLACED_AT), status("e9", "S-99", OUT_FOR_DELIVERY, "2026-11-24T06:00:00Z"),
                status("e8", "S-99", IN_TRANSIT, "2026-11-23T06:00:00Z"));
        assertEquals(List.of(Anomaly.UNKNOWN_SHIPMENT + "@e8"), anomalies(j));
        assertEquals(OrderStatus.OUT_FOR_DELIVERY, j.status());
        ShipmentState s = j.shipments().get(0);
        assertEquals("S-99", s.shipmentId());
        assertNull(s.carrier());
        assertNull(s.shippedAt());
    }

    @Test
    void aSecondOrderPlacedIsOrderPlacedAgainAndTheFirstIsKept() {
        Journey j = fold(placed("e2", "2026-11-20T10:00:00Z", "2026-11-30", customer("en-GB", "Europe/London")),
                placed("e1", PLACED_AT));
        assertEquals(List.of(Anomaly.ORDER_PLACED_AGAIN + "@e2"), anomalies(j));
        assertEquals(at(PLACED_AT), j.placedAt());
        assertEquals(java.time.LocalDate.parse("2026-11-26"), j.promisedDeliveryDate());
        assertEquals("Asia/Tehran", j.customer().timeZone());
    }

    @Test
    void aSecondShipmentCreatedForTheSameParcelIsShipmentCreatedAgainAndTheFirstIsKept() {
        Journey j = fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z", null, "FIRST"),
                shipped("e3", "S-77", "2026-11-21T15:00:00Z", null, "SECOND"));
        assertEquals(List.of(Anomaly.SHIPMENT_CREATED_AGAIN + "@e3"), anomalies(j));
        assertEquals(1, j.shipments().size());
        assertEquals("FIRST", j.shipments().get(0).trackingNumber());
        assertEquals(at("2026-11-21T14:02:00Z"), j.shipments().get(0).shippedAt());
    }

    // --- defaults ---------------------------------------------------------------------------

    @Test
    void customerWithoutLocaleOrTimeZoneGetsTheConfiguredDefaults() {
        JourneyFolder folder = new JourneyFolder("de-DE", ZoneId.of("Europe/Berlin"));
        Journey missing = folder.fold(List.of(placed("e1", PLACED_AT, "2026-11-26", customer(null, null))))
                .orElseThrow();
        assertEquals("de-DE", missing.customer().locale());
        assertEquals("Europe/Berlin", missing.customer().timeZone());
        // Berlin is UTC+01:00 in November.
        assertEquals(at("2026-11-26T23:00:00Z"), missing.promiseDeadline());

        Journey blank = folder.fold(List.of(placed("e1", PLACED_AT, "2026-11-26", customer(" ", "")))).orElseThrow();
        assertEquals("de-DE", blank.customer().locale());
        assertEquals("Europe/Berlin", blank.customer().timeZone());

        Journey own = folder.fold(List.of(placed("e1", PLACED_AT, "2026-11-26", customer("fa-IR", "Asia/Tehran"))))
                .orElseThrow();
        assertEquals("fa-IR", own.customer().locale());
        assertEquals("Asia/Tehran", own.customer().timeZone());
    }

    @Test
    void builtInDefaultsAreEnglishAndUtc() {
        Journey j = fold(placed("e1", PLACED_AT, "2026-11-26", customer(null, null)));
        assertEquals("en", j.customer().locale());
        assertEquals(ZoneOffset.UTC, ZoneId.of(j.customer().timeZone()).normalized());
        assertEquals(at("2026-11-27T00:00:00Z"), j.promiseDeadline());
    }

    private static Journey deliveredAt(String deliveredAt) {
        return fold(placed("e1", PLACED_AT), shipped("e2", "S-77", "2026-11-21T14:02:00Z"),
                status("e3", "S-77", DELIVERED, deliveredAt));
    }
}
