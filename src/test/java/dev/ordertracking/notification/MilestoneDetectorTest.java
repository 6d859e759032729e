package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.ordertracking.journey.JourneyEvents.cancelled;
import static dev.ordertracking.journey.JourneyEvents.confirmed;
import static dev.ordertracking.journey.JourneyEvents.placed;
import static dev.ordertracking.journey.JourneyEvents.shipped;
import static dev.ordertracking.journey.JourneyEvents.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MilestoneDetectorTest {

    private final JourneyFolder folder = JourneyFolder.withDefaults();

    /** Milestones (as MILESTONE[/shipment]@causeEventId) when {@code added} arrive after {@code known}. */
    private List<String> reached(List<RecordedEvent> known, RecordedEvent... added) {
        List<RecordedEvent> all = new ArrayList<>(known);
        all.addAll(List.of(added));
        Optional<Journey> before = folder.fold(known);
        Journey after = folder.fold(all).orElseThrow();
        return MilestoneDetector.detect(new JourneyChange(before, after), all).stream()
                .map(m -> m.milestone() + (m.shipmentId() == null ? "" : "/" + m.shipmentId()) + "@" + m.cause().eventId())
                .toList();
    }

    private static final RecordedEvent PLACED = placed("e1", "2026-11-20T10:00:00Z");
    private static final RecordedEvent CONFIRMED = confirmed("e2", "2026-11-20T10:05:00Z");
    private static final RecordedEvent SHIPPED = shipped("e3", "S1", "2026-11-21T09:00:00Z", "2026-11-25");
    private static final RecordedEvent OUT = status("e4", "S1", ShipmentStatus.OUT_FOR_DELIVERY, "2026-11-24T07:00:00Z");
    private static final RecordedEvent DELIVERED = status("e5", "S1", ShipmentStatus.DELIVERED, "2026-11-24T15:00:00Z");

    @Test
    void eachStepAnnouncesItsOwnMilestone() {
        assertEquals(List.of(), reached(List.of(), PLACED));
        assertEquals(List.of("ORDER_CONFIRMED@e2"), reached(List.of(PLACED), CONFIRMED));
        assertEquals(List.of("SHIPPED/S1@e3"), reached(List.of(PLACED, CONFIRMED), SHIPPED));
        assertEquals(List.of("OUT_FOR_DELIVERY/S1@e4"), reached(List.of(PLACED, CONFIRMED, SHIPPED), OUT));
        assertEquals(List.of("DELIVERED/S1@e5"), reached(List.of(PLACED, CONFIRMED, SHIPPED, OUT), DELIVERED));
    }

    @Test
    void pickupAndFailedAttemptAreMilestones() {
        RecordedEvent failed = status("e6", "S1", ShipmentStatus.ATTEMPT_FAILED, "2026-11-24T12:00:00Z");
        assertEquals(List.of("ATTEMPT_FAILED/S1@e6"), reached(List.of(PLACED, CONFIRMED, SHIPPED, OUT), failed));
        RecordedEvent pickup = status("e7", "S1", ShipmentStatus.AVAILABLE_FOR_PICKUP, "2026-11-25T09:00:00Z");
        assertEquals(List.of("AVAILABLE_FOR_PICKUP/S1@e7"),
                reached(List.of(PLACED, CONFIRMED, SHIPPED, OUT, failed), pickup));
    }

    @Test
    void aRedeliveredEventAnnouncesNothing() {
        assertEquals(List.of(), reached(List.of(PLACED, CONFIRMED, SHIPPED), SHIPPED));
        assertEquals(List.of(), reached(List.of(PLACED, CONFIRMED, SHIPPED, OUT, DELIVERED),
                status("e9", "S1", ShipmentStatus.IN_TRANSIT, "2026-11-22T09:00:00Z")));
    }

    @Test
    void aNewerMilestoneInTheSameBatchLeavesOutTheOlderOnes() {
        assertEquals(List.of("DELIVERED/S1@e5"), reached(List.of(), PLACED, CONFIRMED, SHIPPED, OUT, DELIVERED));
        assertEquals(List.of("SHIPPED/S1@e3"), reached(List.of(PLACED), CONFIRMED, SHIPPED));
        assertEquals(List.of("SHIPPED/S1@e3", "OUT_FOR_DELIVERY/S1@e4"), reached(List.of(PLACED, CONFIRMED), SHIPPED, OUT));
    }

    @Test
    void cancellationIsTheOnlyMilestoneOfACancelledOrder() {
        RecordedEvent cancel = cancelled("e8", "2026-11-20T11:00:00Z");
        assertEquals(List.of("CANCELLED@e8"), reached(List.of(PLACED), CONFIRMED, cancel));
        assertEquals(List.of(), reached(List.of(PLACED, CONFIRMED, cancel),
                shipped("e10", "S2", "2026-11-21T09:00:00Z")));
    }

    @Test
    void deliveredOnlyWhenEveryParcelIs() {
        RecordedEvent second = shipped("e11", "S2", "2026-11-21T10:00:00Z");
        List<RecordedEvent> known = List.of(PLACED, CONFIRMED, SHIPPED, second);
        assertEquals(List.of(), reached(known, DELIVERED));
        assertEquals(List.of("DELIVERED/S2@e12"), reached(List.of(PLACED, CONFIRMED, SHIPPED, second, DELIVERED),
                status("e12", "S2", ShipmentStatus.DELIVERED, "2026-11-24T16:00:00Z")));
    }

    @Test
    void theCauseKeepsItsLiveFlag() {
        RecordedEvent old = new RecordedEvent("e2", "order.confirmed", CONFIRMED.occurredAt(), CONFIRMED.receivedAt(),
                false, CONFIRMED.fact());
        List<RecordedEvent> all = List.of(PLACED, old);
        MilestoneReached m = MilestoneDetector.detect(new JourneyChange(folder.fold(List.of(PLACED)),
                folder.fold(all).orElseThrow()), all).get(0);
        assertEquals(false, m.cause().live());
    }
}
