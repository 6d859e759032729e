package dev.ordertracking.delay;

import dev.ordertracking.forecast.Forecast;
import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.ordertracking.journey.JourneyEvents.confirmed;
import static dev.ordertracking.journey.JourneyEvents.placed;
import static dev.ordertracking.journey.JourneyEvents.shipped;
import static dev.ordertracking.journey.JourneyEvents.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign our forecast gives once its warning moment came: dated by its "at the latest" day in the
 * customer's time zone (Tehran here), only before the promise, and never over the carrier's own estimate.
 * The order is promised for 2026-11-26: the promise breaks at 2026-11-26T20:30:00Z.
 */
class ForecastWarningsTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final RecordedEvent PLACED = placed("e1", "2026-11-20T09:15:00Z");
    static final RecordedEvent CONFIRMED = confirmed("e2", "2026-11-20T09:16:00Z");

    static Journey journey(RecordedEvent... more) {
        List<RecordedEvent> events = new java.util.ArrayList<>(List.of(PLACED, CONFIRMED));
        events.addAll(List.of(more));
        return JourneyFolder.withDefaults().fold(events).orElseThrow();
    }

    static Forecast forecast(Instant warnAt, Instant latest) {
        return new Forecast(Forecast.Basis.SHIPPED, latest == null ? null : latest.minusSeconds(86_400), latest, 0.1,
                warnAt, "DHL > IR", 120, null, 0, latest == null);
    }

    @Test
    void theWarningIsADelayDatedByTheForecastsLatestDayInTheCustomersZone() {
        Journey j = journey(shipped("e3", "S1", "2026-11-23T14:00:00Z"));
        // 21:00 UTC is already the next day in Tehran
        DelaySignal s = ForecastWarnings.signal(j, forecast(NOW, Instant.parse("2026-11-29T21:00:00Z")), NOW, true)
                .orElseThrow();
        assertEquals(SignalKind.FORECAST, s.kind());
        assertEquals(IncidentCause.DELAY, s.cause());
        assertEquals(IncidentReason.FORECAST_PAST_PROMISE, s.reason());
        assertEquals(LocalDate.parse("2026-11-30"), s.estimate());
        assertEquals(NOW, s.signalAt());
        assertTrue(s.live());
        assertTrue(s.detail().contains("90 % likely to miss the promise (lane DHL > IR, 120 deliveries)"), s.detail());
        assertEquals(false, ForecastWarnings.signal(j, forecast(NOW, Instant.parse("2026-11-29T21:00:00Z")), NOW,
                false).orElseThrow().live(), "history: recorded, nobody told");
    }

    @Test
    void nothingBeforeTheMomentAfterThePromiseOrForAClosedOrder() {
        Journey j = journey(shipped("e3", "S1", "2026-11-23T14:00:00Z"));
        Instant latest = Instant.parse("2026-11-29T12:00:00Z");
        assertEquals(Optional.empty(), ForecastWarnings.signal(j, forecast(NOW.plusSeconds(60), latest), NOW, true));
        assertEquals(Optional.empty(), ForecastWarnings.signal(j, forecast(null, latest), NOW, true));
        Instant afterPromise = Instant.parse("2026-11-26T20:30:00Z");
        assertEquals(Optional.empty(), ForecastWarnings.signal(j, forecast(afterPromise, latest), afterPromise, true));
        Journey delivered = journey(shipped("e3", "S1", "2026-11-23T14:00:00Z"),
                status("e4", "S1", ShipmentStatus.DELIVERED, "2026-11-24T09:00:00Z"));
        assertEquals(Optional.empty(), ForecastWarnings.signal(delivered, forecast(NOW, latest), NOW, true));
    }

    @Test
    void pastItsLanesWholeHistoryTheNewDateIsTomorrow() {
        Journey j = journey(shipped("e3", "S1", "2026-11-23T14:00:00Z"));
        assertEquals(LocalDate.parse("2026-11-25"),
                ForecastWarnings.signal(j, forecast(NOW, null), NOW, true).orElseThrow().estimate());
    }

    @Test
    void theCarriersOwnEstimateWins() {
        Instant latest = Instant.parse("2026-11-29T12:00:00Z");
        Journey onTimeByTheCarrier = journey(shipped("e3", "S1", "2026-11-23T14:00:00Z", "2026-11-26"));
        assertEquals(Optional.empty(), ForecastWarnings.signal(onTimeByTheCarrier, forecast(NOW, latest), NOW, true),
                "the carrier expects it by the promise: our forecast says nothing");
        Journey staleEstimate = journey(shipped("e3", "S1", "2026-11-20T14:00:00Z", "2026-11-23"));
        assertTrue(ForecastWarnings.signal(staleEstimate, forecast(NOW, latest), NOW, true).isPresent(),
                "an estimate already past says nothing any more");

        // And when the delay's date is chosen, the carrier's estimate past the promise comes before ours.
        Journey late = journey(shipped("e3", "S1", "2026-11-20T14:00:00Z", "2026-11-23"),
                status("e4", "S1", ShipmentStatus.IN_TRANSIT, "2026-11-24T08:00:00Z", null, "2026-11-28"));
        IncidentDesk desk = new IncidentDesk(null, r -> 2, 3, IncidentDesk.CarrierHistory.NONE);
        DelaySignal ours = new DelaySignal(SignalKind.FORECAST, IncidentCause.DELAY,
                IncidentReason.FORECAST_PAST_PROMISE, null, LocalDate.parse("2026-11-30"), "forecast", null, NOW, true);
        Incident incident = Incident.open(late.orderId(), late.customer().id(), ours, late.promisedDeliveryDate(), NOW);
        assertEquals(LocalDate.parse("2026-11-28"), desk.newDate(late, incident, ours, LocalDate.parse("2026-11-24")));
        Journey noEstimate = journey(shipped("e3", "S1", "2026-11-23T14:00:00Z"));
        assertEquals(LocalDate.parse("2026-11-30"), desk.newDate(noEstimate, incident, ours,
                LocalDate.parse("2026-11-24")));
    }
}
