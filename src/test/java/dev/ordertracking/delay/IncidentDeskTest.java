package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.compensation.CompensationPolicy;
import dev.ordertracking.compensation.CompensationPolicy.Offer;
import dev.ordertracking.compensation.CompensationPolicy.Rule;
import dev.ordertracking.compensation.CouponKind;
import dev.ordertracking.journey.DelayReason;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import dev.ordertracking.notification.Channel;
import dev.ordertracking.notification.Milestone;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ordertracking.journey.JourneyEvents.cancelled;
import static dev.ordertracking.journey.JourneyEvents.confirmed;
import static dev.ordertracking.journey.JourneyEvents.placed;
import static dev.ordertracking.journey.JourneyEvents.shipped;
import static dev.ordertracking.journey.JourneyEvents.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incident rules, replayed in memory with the clock following event time. The order is
 * promised for 2026-11-26 to a customer in Tehran: the promise breaks at 2026-11-26T20:30:00Z.
 */
class IncidentDeskTest {

    static final String ORDER = "A1001";
    static final Instant DEADLINE = Instant.parse("2026-11-26T20:30:00Z");
    static final Offer TEN = new Offer(CouponKind.PERCENT, BigDecimal.TEN, null, 30);
    static final Offer FIFTEEN = new Offer(CouponKind.PERCENT, new BigDecimal("15"), null, 30);
    static final Offer LOST_COUPON = new Offer(CouponKind.AMOUNT, new BigDecimal("20.00"), "EUR", 60);

    static final RecordedEvent PLACED = placed("e1", "2026-11-20T09:15:00Z");
    static final RecordedEvent CONFIRMED = confirmed("e2", "2026-11-20T09:16:00Z");
    static final RecordedEvent SHIPPED = shipped("e3", "S1", "2026-11-21T14:00:00Z", "2026-11-25");

    static List<Rule> rules() {
        return List.of(new Rule("late-1-day", Set.of(), 1, true, TEN),
                new Rule("late-3-days", Set.of(), 3, true, FIFTEEN),
                new Rule("parcel-problem", EnumSet.of(IncidentReason.LOST, IncidentReason.DAMAGED), 0, true, LOST_COUPON),
                new Rule("customer-side", EnumSet.of(IncidentReason.RECIPIENT_UNAVAILABLE), 0, false, null),
                new Rule("internal", EnumSet.of(IncidentReason.NOT_SHIPPED, IncidentReason.STALLED), 0, false, null));
    }

    static DelayBacktest replay(CompensationPolicy policy) {
        IncidentDesk desk = new IncidentDesk(policy, r -> r == IncidentReason.CUSTOMS ? 5 : 2, 3,
                IncidentDesk.CarrierHistory.NONE);
        return new DelayBacktest(JourneyFolder.withDefaults(), new Deadlines(Duration.ofHours(48), Duration.ofHours(72)),
                desk, Map.of(Milestone.DELAY_NOTICE, List.of(Channel.SMS, Channel.EMAIL),
                Milestone.LATE_DELIVERY, List.of(Channel.EMAIL), Milestone.PARCEL_PROBLEM, List.of(Channel.EMAIL)));
    }

    static DelayBacktest replay(RecordedEvent... events) {
        DelayBacktest backtest = replay(new CompensationPolicy(rules(), false, 1, 3));
        for (RecordedEvent e : events) {
            backtest.apply(e);
        }
        return backtest;
    }

    /** The order's DELAY incidents (a parcel quiet for 72 h also has a STALLED one). */
    static List<Incident> delays(DelayBacktest b) {
        return b.incidents(ORDER).stream().filter(i -> i.cause() == IncidentCause.DELAY).toList();
    }

    static List<DeskOutcome.Message> messages(DelayBacktest b) {
        return b.outcomes().stream().flatMap(o -> o.messages().stream()).toList();
    }

    static List<DeskOutcome.CouponGrant> coupons(DelayBacktest b) {
        return b.outcomes().stream().flatMap(o -> o.coupons().stream()).toList();
    }

    @Test
    void aLaterEstimateIsToldBeforeThePromiseBreaks() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED,
                status("e4", "S1", ShipmentStatus.IN_TRANSIT, "2026-11-24T06:00:00Z", null, "2026-11-28"));
        Incident incident = b.incidents(ORDER).get(0);
        assertEquals(IncidentCause.DELAY, incident.cause());
        assertEquals(IncidentReason.ESTIMATE_PAST_PROMISE, incident.reason());
        assertEquals(LocalDate.parse("2026-11-28"), incident.newDate());
        assertEquals(2, incident.delayDays());
        List<DeskOutcome.Message> messages = messages(b);
        assertEquals(1, messages.size());
        assertEquals(Milestone.DELAY_NOTICE, messages.get(0).milestone());
        assertEquals(TEN, coupons(b).get(0).offer());

        b.apply(status("e5", "S1", ShipmentStatus.DELIVERED, "2026-11-28T11:00:00Z"));
        assertFalse(b.incidents(ORDER).get(0).isOpen());
        assertEquals(1, messages(b).size(), "told already: no sorry-it-was-late on top");
        assertEquals(1, b.report().toldBeforeDeadline());
        assertEquals(1, b.report().lateDeliveries());
    }

    @Test
    void anExceptionThatAlsoMovesTheEstimateIsOneIncidentAndOneApology() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.EXCEPTION,
                "2026-11-24T06:40:00Z", DelayReason.WEATHER, "2026-11-29"));
        assertEquals(1, b.incidents(ORDER).size());
        Incident incident = b.incidents(ORDER).get(0);
        assertEquals(IncidentReason.WEATHER, incident.reason());
        assertEquals(LocalDate.parse("2026-11-29"), incident.newDate());
        assertEquals(1, messages(b).size());
        assertEquals(1, coupons(b).size());
        assertEquals(FIFTEEN, coupons(b).get(0).offer(), "3 days late");
        assertEquals(2, b.outcomes().get(0).signals().size(), "both signs are noted on the one incident");
    }

    @Test
    void aFurtherSlipSendsAnUpdateButNeverASecondCoupon() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED,
                status("e4", "S1", ShipmentStatus.IN_TRANSIT, "2026-11-24T06:00:00Z", null, "2026-11-27"),
                status("e5", "S1", ShipmentStatus.IN_TRANSIT, "2026-11-25T06:00:00Z", null, "2026-12-02"));
        List<DeskOutcome.Message> messages = messages(b);
        assertEquals(List.of(1, 2), messages.stream().map(DeskOutcome.Message::revision).toList());
        assertEquals(1, coupons(b).size());
        assertEquals(LocalDate.parse("2026-12-02"), b.incidents(ORDER).get(0).toldDate());

        b.apply(status("e6", "S1", ShipmentStatus.IN_TRANSIT, "2026-11-26T06:00:00Z", null, "2026-12-01"));
        assertEquals(2, messages(b).size(), "an earlier date is no slip");
    }

    @Test
    void aBrokenPromiseWithoutEarlierSignsIsFoundAtTheDeadlineWithABufferedDate() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.IN_TRANSIT,
                "2026-11-25T06:00:00Z"));
        b.advanceTo(DEADLINE.minusSeconds(1));
        assertTrue(delays(b).isEmpty());
        b.advanceTo(DEADLINE);
        Incident incident = delays(b).get(0);
        assertEquals(IncidentReason.PROMISE_BROKEN, incident.reason());
        assertEquals(DEADLINE, incident.signalAt());
        assertEquals(LocalDate.parse("2026-11-28"), incident.newDate(), "promised + 2 days");
        assertEquals(Milestone.DELAY_NOTICE, messages(b).get(0).milestone());
        b.advanceTo(DEADLINE.plus(Duration.ofDays(1)));
        assertEquals(1, delays(b).size(), "found once");
    }

    @Test
    void notShippedInTimeAndStalledAreForSupportOnly() {
        DelayBacktest b = replay(PLACED, CONFIRMED);
        b.advanceTo(Instant.parse("2026-11-22T09:16:00Z"));
        assertEquals(IncidentReason.NOT_SHIPPED, b.incidents(ORDER).get(0).reason());
        b.apply(SHIPPED);
        b.advanceTo(Instant.parse("2026-11-24T14:00:00Z"));
        assertEquals(List.of(IncidentCause.DELAY, IncidentCause.STALLED),
                b.incidents(ORDER).stream().map(Incident::cause).toList());
        assertTrue(messages(b).isEmpty());
        assertTrue(coupons(b).isEmpty());
    }

    @Test
    void aFailedAttemptWellBeforeThePromiseIsNoDelayButOneThatMissesItIs() {
        DelayBacktest early = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.ATTEMPT_FAILED,
                "2026-11-22T10:00:00Z", DelayReason.OTHER, null));
        assertEquals(0, delays(early).get(0).delayDays(), "retried by the 24th, promised the 26th");
        assertTrue(messages(early).isEmpty());
        DelayBacktest late = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.ATTEMPT_FAILED,
                "2026-11-25T10:00:00Z", DelayReason.OTHER, null));
        assertEquals(LocalDate.parse("2026-11-27"), delays(late).get(0).newDate(), "retried after the promise");
        assertEquals(Milestone.DELAY_NOTICE, messages(late).get(0).milestone());
    }

    @Test
    void aLostParcelTellsTheCustomerWhatHappensNext() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.EXCEPTION,
                "2026-11-24T06:40:00Z", DelayReason.LOST, null));
        Incident incident = b.incidents(ORDER).get(0);
        assertEquals(IncidentCause.LOST, incident.cause());
        assertEquals(Milestone.PARCEL_PROBLEM, messages(b).get(0).milestone());
        assertEquals(LOST_COUPON, coupons(b).get(0).offer());
    }

    @Test
    void theCustomerBeingOutIsNoReasonToApologise() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.ATTEMPT_FAILED,
                "2026-11-25T10:00:00Z", DelayReason.RECIPIENT_UNAVAILABLE, null));
        assertEquals(IncidentReason.RECIPIENT_UNAVAILABLE, delays(b).get(0).reason());
        assertTrue(messages(b).isEmpty());
        assertTrue(delays(b).get(0).compensation().contains("customer-side"));
    }

    @Test
    void aCancelledOrderClosesItsIncidentsAndGetsNothing() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.EXCEPTION,
                "2026-11-24T06:40:00Z", DelayReason.CUSTOMS, null), cancelled("e5", "2026-11-24T08:00:00Z"));
        assertEquals(1, messages(b).size(), "the apology went before the cancellation");
        assertFalse(b.incidents(ORDER).get(0).isOpen());
        b.advanceTo(DEADLINE.plus(Duration.ofDays(3)));
        assertEquals(1, b.incidents(ORDER).size(), "a cancelled order is never late");
    }

    @Test
    void historyIsRecordedButNobodyIsToldOrGivenAnything() {
        RecordedEvent old = status("e4", "S1", ShipmentStatus.EXCEPTION, "2026-11-24T06:40:00Z",
                DelayReason.WEATHER, "2026-11-29");
        RecordedEvent historical = new RecordedEvent(old.eventId(), old.type(), old.occurredAt(), old.receivedAt(),
                false, old.fact());
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED, historical);
        assertFalse(b.incidents(ORDER).get(0).live());
        assertTrue(messages(b).isEmpty());
        assertTrue(coupons(b).isEmpty());
    }

    @Test
    void theCapsLimitCouponsButNotApologies() {
        CompensationPolicy capped = new CompensationPolicy(rules(), false, 1, 0);
        DelayBacktest b = replay(capped);
        for (RecordedEvent e : List.of(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.IN_TRANSIT,
                "2026-11-24T06:00:00Z", null, "2026-11-28"))) {
            b.apply(e);
        }
        assertEquals(1, messages(b).size());
        assertTrue(coupons(b).isEmpty());
        assertTrue(b.incidents(ORDER).get(0).compensation().contains("this month"));
    }

    @Test
    void aDryRunRecordsTheCouponItWouldGive() {
        DelayBacktest b = replay(new CompensationPolicy(rules(), true, 1, 3));
        for (RecordedEvent e : List.of(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.IN_TRANSIT,
                "2026-11-24T06:00:00Z", null, "2026-11-28"))) {
            b.apply(e);
        }
        assertTrue(coupons(b).get(0).dryRun());
        assertTrue(b.incidents(ORDER).get(0).compensation().startsWith("dry run"));
        assertEquals(0, b.report().coupons());
    }

    @Test
    void deliveredLateWithoutAnyEarlierWordGetsASorryAfterDelivery() {
        IncidentDesk desk = new IncidentDesk(new CompensationPolicy(rules(), false, 1, 3), r -> 2, 3,
                IncidentDesk.CarrierHistory.NONE);
        RecordedEvent delivered = status("e4", "S1", ShipmentStatus.DELIVERED, "2026-11-29T10:00:00Z");
        var journey = JourneyFolder.withDefaults().fold(List.of(PLACED, CONFIRMED, SHIPPED, delivered)).orElseThrow();
        OrderFacts facts = new OrderFacts(journey, List.of(), 0, 0);
        DeskOutcome outcome = desk.decide(facts, List.of(), new IncidentDesk.Delivered(journey.deliveredAt(), true,
                "e4"), Instant.parse("2026-11-29T10:00:05Z"));
        Incident incident = outcome.incidents().get(0);
        assertEquals(IncidentReason.DELIVERED_LATE, incident.reason());
        assertFalse(incident.isOpen());
        assertEquals(3, incident.delayDays());
        assertEquals(Milestone.LATE_DELIVERY, outcome.messages().get(0).milestone());
        assertEquals(FIFTEEN, outcome.coupons().get(0).offer());
    }

    @Test
    void deliveredEarlyIsNoIncident() {
        DelayBacktest b = replay(PLACED, CONFIRMED, SHIPPED, status("e4", "S1", ShipmentStatus.DELIVERED,
                "2026-11-24T10:00:00Z"));
        assertTrue(b.incidents(ORDER).isEmpty());
        assertEquals(1, b.report().earlyDeliveries());
    }

    @Test
    void supportApologisesOnceForWhatItRecorded() {
        IncidentDesk desk = new IncidentDesk(new CompensationPolicy(rules(), false, 1, 3), r -> 2, 3,
                IncidentDesk.CarrierHistory.NONE);
        RecordedEvent delivered = status("e4", "S1", ShipmentStatus.DELIVERED, "2026-11-24T10:00:00Z");
        var journey = JourneyFolder.withDefaults().fold(List.of(PLACED, CONFIRMED, SHIPPED, delivered)).orElseThrow();
        OrderFacts facts = new OrderFacts(journey, List.of(), 0, 0);
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        Incident reported = desk.report(facts, IncidentCause.DAMAGED, "box crushed, cups broken", now).incidents().get(0);
        assertEquals(reported, desk.report(facts, IncidentCause.DAMAGED, "photos sent", now).incidents().get(0),
                "one open incident per cause");
        DeskOutcome apology = desk.apologise(facts, reported.id(), now);
        assertEquals(Milestone.PARCEL_PROBLEM, apology.messages().get(0).milestone());
        assertEquals(LOST_COUPON, apology.coupons().get(0).offer());
        try {
            desk.apologise(facts, reported.id(), now);
            throw new AssertionError("a second apology was accepted");
        } catch (IncidentDesk.Refused expected) {
            assertTrue(expected.getMessage().contains("already told"));
        }
        assertNull(desk.close(facts, reported.id(), "replacement sent", now).incidents().get(0).closedAt() == null
                ? "still open" : null);
    }
}
