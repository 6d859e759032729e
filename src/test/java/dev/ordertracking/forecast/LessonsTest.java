package dev.ordertracking.forecast;

import dev.ordertracking.forecast.LearnedDurations.Step;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.ordertracking.journey.JourneyEvents.confirmed;
import static dev.ordertracking.journey.JourneyEvents.placed;
import static dev.ordertracking.journey.JourneyEvents.shipped;
import static dev.ordertracking.journey.JourneyEvents.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a journey change teaches the forecast: each hand-over and delivery once, however often it is seen. */
class LessonsTest {

    static final JourneyFolder FOLDER = JourneyFolder.withDefaults();
    static final DeliveryForecaster FORECASTER = new DeliveryForecaster(ForecastSettings.DEFAULTS);

    static final RecordedEvent PLACED = placed("e1", "2026-11-20T09:15:00Z");
    static final RecordedEvent CONFIRMED = confirmed("e2", "2026-11-20T10:00:00Z");
    static final RecordedEvent SHIPPED = shipped("e3", "S1", "2026-11-21T16:00:00Z");
    static final RecordedEvent IN_TRANSIT = status("e4", "S1", ShipmentStatus.IN_TRANSIT, "2026-11-22T08:00:00Z");
    static final RecordedEvent DELIVERED = status("e5", "S1", ShipmentStatus.DELIVERED, "2026-11-24T16:00:00Z");

    static List<DeliveryForecaster.Sample> lessons(List<RecordedEvent> before, List<RecordedEvent> added) {
        List<RecordedEvent> all = new ArrayList<>(before);
        all.addAll(added);
        Journey after = FOLDER.fold(all).orElseThrow();
        return Lessons.of(new JourneyChange(FOLDER.fold(before), after), FORECASTER, Long.MAX_VALUE);
    }

    @Test
    void theFirstHandOverTeachesDispatchAndTheDeliveryTeachesTransitInEveryLevelOfItsLane() {
        assertEquals(List.of(), lessons(List.of(), List.of(PLACED, CONFIRMED)));

        List<DeliveryForecaster.Sample> handOver = lessons(List.of(PLACED, CONFIRMED), List.of(SHIPPED));
        assertEquals(1, handOver.size());
        DeliveryForecaster.Sample dispatch = handOver.get(0);
        assertEquals(Step.DISPATCH, dispatch.step());
        assertEquals(List.of(Lane.ALL), dispatch.keys(), "every shop's orders (a journey names no shop)");
        assertEquals(30.0, dispatch.hours(), 1e-9, "confirmation to hand-over");
        assertEquals(LearnedDurations.epochDay(SHIPPED.occurredAt()), dispatch.epochDay());
        assertNull(dispatch.outcome(), "nothing learned yet: nothing to score");

        assertEquals(List.of(), lessons(List.of(PLACED, CONFIRMED, SHIPPED), List.of(IN_TRANSIT)));

        List<DeliveryForecaster.Sample> delivery = lessons(List.of(PLACED, CONFIRMED, SHIPPED, IN_TRANSIT),
                List.of(DELIVERED));
        assertEquals(1, delivery.size());
        DeliveryForecaster.Sample transit = delivery.get(0);
        assertEquals(Step.TRANSIT, transit.step());
        assertEquals(72.0, transit.hours(), 1e-9);
        assertEquals(List.of("DHL > IR > 151*", "* > IR > 151*", "DHL > IR", "* > IR", "DHL", Lane.ALL),
                transit.keys(), "the address has no region: the postal prefix and the country make its lanes");
    }

    @Test
    void aBatchWithTheWholeJourneyTeachesBothAndNothingSeenAgainTeachesTwice() {
        List<RecordedEvent> whole = List.of(PLACED, CONFIRMED, SHIPPED, IN_TRANSIT, DELIVERED);
        List<DeliveryForecaster.Sample> all = lessons(List.of(), whole);
        assertEquals(List.of(Step.DISPATCH, Step.TRANSIT), all.stream().map(DeliveryForecaster.Sample::step).toList());

        // The same events again change nothing, so they teach nothing.
        Journey delivered = FOLDER.fold(whole).orElseThrow();
        assertEquals(List.of(), Lessons.of(new JourneyChange(Optional.of(delivered), delivered), FORECASTER,
                Long.MAX_VALUE));
        // The carrier reporting the delivery again: still delivered, nothing new to learn.
        assertEquals(List.of(), lessons(whole, List.of(status("e6", "S1", ShipmentStatus.DELIVERED,
                "2026-11-24T18:00:00Z"))));
    }

    @Test
    void aSampleCountsNoLaterThanTheClocksDayAndIsScoredOnceTheLaneHasHistory() {
        long today = LearnedDurations.epochDay(SHIPPED.occurredAt()) - 1;
        DeliveryForecaster.Sample early = lessons(List.of(PLACED, CONFIRMED), List.of(SHIPPED)).get(0);
        assertEquals(early.epochDay() - 1, Lessons.of(new JourneyChange(FOLDER.fold(List.of(PLACED, CONFIRMED)),
                FOLDER.fold(List.of(PLACED, CONFIRMED, SHIPPED)).orElseThrow()), FORECASTER, today).get(0).epochDay());

        DeliveryForecaster trained = new DeliveryForecaster(new ForecastSettings(90, 2, 3, 0.9, 200, 0.8, 0.975,
                0.975));
        java.time.Instant dayBefore = CONFIRMED.occurredAt().minusSeconds(86_400);
        trained.learnDispatch(null, dayBefore, dayBefore.plusSeconds(20 * 3600));
        trained.learnDispatch(null, dayBefore, dayBefore.plusSeconds(40 * 3600));
        DeliveryForecaster.Sample scored = Lessons.of(new JourneyChange(FOLDER.fold(List.of(PLACED, CONFIRMED)),
                FOLDER.fold(List.of(PLACED, CONFIRMED, SHIPPED)).orElseThrow()), trained, Long.MAX_VALUE).get(0);
        assertTrue(scored.outcome() != null && scored.outcome() > 0 && scored.outcome() < 1,
                "where 30 h fell among the learned dispatch times: " + scored.outcome());
    }
}
