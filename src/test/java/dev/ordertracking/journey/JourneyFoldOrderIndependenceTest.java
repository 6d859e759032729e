package dev.ordertracking.journey;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import static dev.ordertracking.journey.JourneyEvents.at;
import static dev.ordertracking.journey.JourneyEvents.cancelled;
import static dev.ordertracking.journey.JourneyEvents.confirmed;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: a journey depends only on the set of its events, never on the order they arrived in.
 * Small sets are checked in every permutation, bigger ones in 500 seeded shuffles.
 */
class JourneyFoldOrderIndependenceTest {

    private static final int MAX_FULL_PERMUTATION_SIZE = 8;
    private static final int SHUFFLES = 500;
    private static final long SEED = 20261120L;

    private final JourneyFolder folder = new JourneyFolder("en", java.time.ZoneId.of("UTC"));

    /** Placed to delivered, one parcel, a revised estimate on the way. */
    private static List<RecordedEvent> happyPath() {
        return List.of(
                placed("p", "2026-11-20T09:15:00Z"),
                confirmed("c", "2026-11-20T09:16:10Z"),
                shipped("s", "S-77", "2026-11-21T14:02:00Z", "2026-11-25"),
                status("t1", "S-77", IN_TRANSIT, "2026-11-22T08:00:00Z", null, "2026-11-26"),
                status("t2", "S-77", IN_TRANSIT, "2026-11-23T08:00:00Z"),
                status("o", "S-77", OUT_FOR_DELIVERY, "2026-11-24T06:00:00Z"),
                status("d", "S-77", DELIVERED, "2026-11-24T11:30:00Z"));
    }

    /** Events that happened at the same instant: the status order and then the id must decide. */
    private static List<RecordedEvent> tiesInTime() {
        String t0 = "2026-11-20T09:15:00Z";
        String t1 = "2026-11-22T08:00:00Z";
        String t2 = "2026-11-24T11:30:00Z";
        return List.of(
                placed("p", t0),
                confirmed("c", t0),
                shipped("s", "S-77", t1, "2026-11-25"),
                status("x", "S-77", EXCEPTION, t1, DelayReason.WEATHER, "2026-11-28"),
                status("i", "S-77", IN_TRANSIT, t1, null, "2026-11-27"),
                status("o", "S-77", OUT_FOR_DELIVERY, t2),
                status("d", "S-77", DELIVERED, t2),
                status("f", "S-77", ATTEMPT_FAILED, t2, DelayReason.RECIPIENT_UNAVAILABLE, null));
    }

    /** Timestamps that contradict each other, duplicates and a parcel nobody announced. */
    private static List<RecordedEvent> outOfOrderTimestampsAndAnomalies() {
        return List.of(
                placed("p2", "2026-11-20T10:00:00Z"),
                placed("p1", "2026-11-20T09:15:00Z"),
                shipped("s1", "S-1", "2026-11-20T09:00:00Z", "2026-11-24"),
                confirmed("c", "2026-11-20T09:30:00Z"),
                status("d1", "S-1", DELIVERED, "2026-11-19T18:00:00Z"),
                shipped("s1b", "S-1", "2026-11-21T09:00:00Z", "2026-11-30", "JD-SECOND"),
                status("r1", "S-1", RETURNED_TO_SENDER, "2026-11-22T09:00:00Z"),
                status("u1", "S-9", IN_TRANSIT, "2026-11-22T10:00:00Z", null, "2026-11-27"));
    }

    /** Three parcels, one held up, then recovered, in a twelve-event history. */
    private static List<RecordedEvent> threeParcels() {
        return List.of(
                placed("p", "2026-11-20T09:15:00Z", "2026-11-26",
                        JourneyEvents.customer("pt-BR", "America/Sao_Paulo")),
                confirmed("c", "2026-11-20T09:16:00Z"),
                shipped("sa", "S-A", "2026-11-21T10:00:00Z", "2026-11-24"),
                shipped("sb", "S-B", "2026-11-21T10:00:00Z", "2026-11-25"),
                shipped("sc", "S-C", "2026-11-22T12:00:00Z"),
                status("a1", "S-A", IN_TRANSIT, "2026-11-22T08:00:00Z"),
                status("b1", "S-B", EXCEPTION, "2026-11-23T06:40:00Z", DelayReason.CUSTOMS, "2026-11-28"),
                status("a2", "S-A", DELIVERED, "2026-11-24T15:00:00Z"),
                status("c1", "S-C", AVAILABLE_FOR_PICKUP, "2026-11-25T09:00:00Z"),
                status("b2", "S-B", IN_TRANSIT, "2026-11-26T09:00:00Z", null, "2026-11-27"),
                status("c2", "S-C", DELIVERED, "2026-11-26T18:00:00Z"),
                status("b3", "S-B", DELIVERED, "2026-11-27T01:00:00Z"));
    }

    /** Cancelled mid-way; the carrier keeps reporting. */
    private static List<RecordedEvent> cancelledMidWay() {
        return List.of(
                placed("p", "2026-11-20T09:15:00Z"),
                confirmed("c", "2026-11-20T09:16:00Z"),
                shipped("s", "S-77", "2026-11-21T14:02:00Z"),
                cancelled("x", "2026-11-21T15:00:00Z"),
                cancelled("x2", "2026-11-21T15:00:00Z"),
                status("t", "S-77", IN_TRANSIT, "2026-11-22T08:00:00Z"),
                status("d", "S-77", DELIVERED, "2026-11-23T08:00:00Z"));
    }

    @Test
    void happyPathGivesTheSameJourneyInEveryArrivalOrder() {
        Journey reference = assertSameJourneyInEveryOrder(happyPath());
        assertEquals(OrderStatus.DELIVERED, reference.status());
        assertEquals(List.of(), reference.anomalies());
        assertEquals(java.time.LocalDate.parse("2026-11-26"), reference.estimatedDeliveryDate());
    }

    @Test
    void eventsAtTheSameInstantGiveTheSameJourneyInEveryArrivalOrder() {
        Journey reference = assertSameJourneyInEveryOrder(tiesInTime());
        // At one instant the further-along status is applied last: DELIVERED after the attempt, and
        // EXCEPTION and IN_TRANSIT (equally far) in id order, so the exception's estimate is the last.
        assertEquals(OrderStatus.DELIVERED, reference.status());
        assertEquals(List.of(), reference.anomalies());
        assertEquals(at("2026-11-24T11:30:00Z"), reference.deliveredAt());
        assertEquals(java.time.LocalDate.parse("2026-11-28"), reference.estimatedDeliveryDate());
    }

    @Test
    void contradictoryTimestampsGiveTheSameJourneyInEveryArrivalOrder() {
        Journey reference = assertSameJourneyInEveryOrder(outOfOrderTimestampsAndAnomalies());
        assertEquals(at("2026-11-20T09:15:00Z"), reference.placedAt());
        assertEquals(List.of(
                        Anomaly.ORDER_PLACED_AGAIN + "@p2",
                        Anomaly.SHIPMENT_CREATED_AGAIN + "@s1b",
                        Anomaly.STATUS_AFTER_TERMINAL + "@r1",
                        Anomaly.SHIPPED_BEFORE_PLACED + "@s1",
                        Anomaly.CONFIRMED_AFTER_SHIPPED + "@c",
                        Anomaly.DELIVERED_BEFORE_SHIPPED + "@d1",
                        Anomaly.DELIVERED_BEFORE_PLACED + "@d1",
                        Anomaly.UNKNOWN_SHIPMENT + "@u1"),
                JourneyEvents.anomalies(reference));
    }

    @Test
    void threeParcelsGiveTheSameJourneyInShuffledArrivalOrders() {
        Journey reference = assertSameJourneyInEveryOrder(threeParcels());
        assertEquals(OrderStatus.DELIVERED, reference.status());
        assertEquals(at("2026-11-27T01:00:00Z"), reference.deliveredAt());
        assertEquals(DeliveryTiming.ON_TIME, reference.deliveryTiming());
    }

    @Test
    void cancellationGivesTheSameJourneyInEveryArrivalOrder() {
        Journey reference = assertSameJourneyInEveryOrder(cancelledMidWay());
        assertEquals(OrderStatus.CANCELLED, reference.status());
        assertEquals(null, reference.onTime());
    }

    @Test
    void orderBecomesDeliveredExactlyOnceWhateverTheArrivalOrder() {
        for (List<RecordedEvent> events : List.of(happyPath(), tiesInTime())) {
            forEachArrivalOrder(events, arrival -> {
                int deliveredStep = Math.max(indexOf(arrival, "p"), indexOf(arrival, "d"));
                List<Integer> steps = new ArrayList<>();
                for (int i = 0; i < arrival.size(); i++) {
                    Optional<Journey> before = folder.fold(arrival.subList(0, i));
                    Optional<Journey> after = folder.fold(arrival.subList(0, i + 1));
                    if (after.isPresent() && new JourneyChange(before, after.get()).becameDelivered()) {
                        steps.add(i);
                    }
                }
                assertEquals(List.of(deliveredStep), steps, () -> "arrival order " + ids(arrival));
            });
        }
    }

    @Test
    void orderBecomesDeliveredExactlyOnceWhenEventsArriveInBatches() {
        // Like the ingest handler: "before" is the journey without the batch's new events.
        Random random = new Random(SEED);
        for (List<RecordedEvent> events : List.of(happyPath(), tiesInTime())) {
            for (int n = 0; n < SHUFFLES; n++) {
                List<RecordedEvent> arrival = new ArrayList<>(events);
                Collections.shuffle(arrival, random);
                int announced = 0;
                int seen = 0;
                while (seen < arrival.size()) {
                    int next = Math.min(arrival.size(), seen + 1 + random.nextInt(3));
                    Optional<Journey> before = folder.fold(arrival.subList(0, seen));
                    Optional<Journey> after = folder.fold(arrival.subList(0, next));
                    if (after.isPresent() && new JourneyChange(before, after.get()).becameDelivered()) {
                        announced++;
                    }
                    seen = next;
                }
                assertEquals(1, announced, "arrival order " + ids(arrival));
            }
        }
    }

    @Test
    void redeliveredEventsDoNotAnnounceDeliveryAgain() {
        List<RecordedEvent> events = happyPath();
        Journey delivered = folder.fold(events).orElseThrow();
        for (RecordedEvent again : events) {
            List<RecordedEvent> withDuplicate = new ArrayList<>(events);
            withDuplicate.add(again);
            // The event store keeps one row per id; the fold of the same set is the same journey.
            Journey after = folder.fold(withDuplicate.stream().distinct().toList()).orElseThrow();
            assertEquals(delivered, after);
            assertFalse(new JourneyChange(Optional.of(delivered), after).becameDelivered());
        }
        assertTrue(new JourneyChange(Optional.empty(), delivered).becameDelivered());
    }

    /** Folds every permutation (or many shuffles) and returns the one journey they all give. */
    private Journey assertSameJourneyInEveryOrder(List<RecordedEvent> events) {
        Journey reference = folder.fold(events).orElseThrow();
        int[] checked = {0};
        forEachArrivalOrder(events, arrival -> {
            assertEquals(reference, folder.fold(arrival).orElseThrow(), () -> "arrival order " + ids(arrival));
            checked[0]++;
        });
        assertTrue(checked[0] >= Math.min(SHUFFLES, factorial(events.size())), "too few orders checked");
        return reference;
    }

    private static void forEachArrivalOrder(List<RecordedEvent> events, Consumer<List<RecordedEvent>> check) {
        if (events.size() <= MAX_FULL_PERMUTATION_SIZE) {
            permute(new ArrayList<>(events), events.size(), check);
        } else {
            Random random = new Random(SEED);
            for (int n = 0; n < SHUFFLES; n++) {
                List<RecordedEvent> arrival = new ArrayList<>(events);
                Collections.shuffle(arrival, random);
                check.accept(arrival);
            }
        }
    }

    /** Heap's algorithm: every permutation of the first {@code k} elements, each exactly once. */
    private static void permute(List<RecordedEvent> list, int k, Consumer<List<RecordedEvent>> check) {
        if (k == 1) {
            check.accept(List.copyOf(list));
            return;
        }
        for (int i = 0; i < k - 1; i++) {
            permute(list, k - 1, check);
            Collections.swap(list, k % 2 == 0 ? i : 0, k - 1);
        }
        permute(list, k - 1, check);
    }

    private static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    private static int indexOf(List<RecordedEvent> events, String eventId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).eventId().equals(eventId)) {
                return i;
            }
        }
        throw new IllegalArgumentException(eventId);
    }

    private static List<String> ids(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::eventId).toList();
    }
}
