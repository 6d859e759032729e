package dev.ordertracking.journey;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the journey over generated histories: any events for an order (placed, confirmed,
 * cancelled, up to three parcels with any carrier statuses, repeated facts, contradictory times),
 * in any arrival order.
 */
class JourneyPropertiesTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private final JourneyFolder folder = new JourneyFolder("en", ZoneId.of("UTC"));

    @Provide
    Arbitrary<RecordedEvent> events() {
        Arbitrary<Integer> minutes = Arbitraries.integers().between(0, 60 * 24 * 10);
        Arbitrary<String> shipment = Arbitraries.of("S-1", "S-2", "S-3");
        Arbitrary<String> id = Arbitraries.strings().withCharRange('a', 'z').ofLength(6);
        Arbitrary<RecordedEvent> placed = Combinators.combine(id, minutes)
                .as((i, m) -> JourneyEvents.placed("p-" + i, at(m)));
        Arbitrary<RecordedEvent> confirmed = Combinators.combine(id, minutes)
                .as((i, m) -> JourneyEvents.confirmed("c-" + i, at(m)));
        Arbitrary<RecordedEvent> cancelled = Combinators.combine(id, minutes)
                .as((i, m) -> JourneyEvents.cancelled("x-" + i, at(m)));
        Arbitrary<RecordedEvent> shipped = Combinators.combine(id, shipment, minutes, Arbitraries.integers().between(2, 9))
                .as((i, s, m, days) -> JourneyEvents.shipped("s-" + i, s, at(m),
                        START.plus(Duration.ofDays(days)).toString().substring(0, 10)));
        Arbitrary<RecordedEvent> status = Combinators.combine(id, shipment, Arbitraries.of(ShipmentStatus.class), minutes,
                        Arbitraries.of(DelayReason.class).injectNull(0.5))
                .as((i, s, st, m, reason) -> JourneyEvents.status("t-" + i, s, st, at(m),
                        st == ShipmentStatus.EXCEPTION || st == ShipmentStatus.ATTEMPT_FAILED ? reason : null, null));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, placed), net.jqwik.api.Tuple.of(2, confirmed),
                net.jqwik.api.Tuple.of(1, cancelled), net.jqwik.api.Tuple.of(3, shipped),
                net.jqwik.api.Tuple.of(8, status));
    }

    @Provide
    Arbitrary<List<RecordedEvent>> histories() {
        // Ingestion stores an event id once (a redelivery never reaches the fold), so ids are unique.
        return events().list().ofMinSize(1).ofMaxSize(14).uniqueElements(RecordedEvent::eventId);
    }

    private static String at(int minutes) {
        return START.plus(Duration.ofMinutes(minutes)).toString();
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void theJourneyDependsOnTheEventsNotOnTheirArrivalOrder(
            @ForAll("histories") List<RecordedEvent> events, @ForAll long seed) {
        Optional<Journey> reference = folder.fold(events);
        List<RecordedEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(reference, folder.fold(shuffled));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void anOrderBecomesDeliveredAtMostOnceWhateverTheArrivalOrder(@ForAll("histories") List<RecordedEvent> events,
                                                                  @ForAll long seed) {
        // The DELIVERED message and order.delivered hang on this moment: it must come once at most.
        List<RecordedEvent> arrival = new ArrayList<>(events);
        Collections.shuffle(arrival, new Random(seed));
        int becameDelivered = 0;
        for (int i = 0; i < arrival.size(); i++) {
            Optional<Journey> before = folder.fold(arrival.subList(0, i));
            Optional<Journey> after = folder.fold(arrival.subList(0, i + 1));
            if (after.isPresent() && new JourneyChange(before, after.get()).becameDelivered()) {
                becameDelivered++;
            }
        }
        assertTrue(becameDelivered <= 1, "became delivered " + becameDelivered + " times");
        if (folder.fold(arrival).map(j -> j.status() == OrderStatus.DELIVERED).orElse(false)) {
            assertEquals(1, becameDelivered, "a delivered order became delivered once");
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void thereIsAJourneyExactlyWhenTheOrderWasPlacedAndItNeverGoesBackFromDelivered(
            @ForAll("histories") List<RecordedEvent> events) {
        Optional<Journey> journey = folder.fold(events);
        boolean placed = events.stream().anyMatch(e -> e.eventId().startsWith("p-"));
        assertEquals(placed, journey.isPresent());
        journey.ifPresent(j -> {
            if (j.status() == OrderStatus.DELIVERED) {
                assertTrue(j.deliveredAt() != null, "a delivered order knows when");
            }
            if (j.onTime() != null) {
                assertEquals(j.status(), OrderStatus.DELIVERED);
            }
        });
    }
}
