package dev.ordertracking.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecast's arithmetic on small, exact histories. Durations are put on bin edges (48 h, 240 h,
 * ...), so each history's distribution is known exactly: evenly spread over its bins.
 */
class DeliveryForecasterTest {

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    private static final Lane SP = new Lane("Correios", "BR", "SP", "01310-100");
    private static final Lane AM = new Lane("Correios", "BR", "AM", "69005-000");
    /** Calibration pinned to the identity (its prior outweighs any outcome), threshold 0.8. */
    private static final ForecastSettings EXACT = new ForecastSettings(90, 30, 3, 0.9, 1e12, 0.8, 0.975, 0.975);

    private static Instant h(Instant from, double hours) {
        return from.plusMillis(Math.round(hours * 3_600_000));
    }

    private static double hoursBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 3_600_000.0;
    }

    /** {@code n} parcels of the lane, each handed over at {@code shippedAt} and taking {@code hours}. */
    private static void transits(DeliveryForecaster f, Lane lane, int n, Instant shippedAt, double hours) {
        for (int i = 0; i < n; i++) {
            f.learnTransit(lane, shippedAt, h(shippedAt, hours));
        }
    }

    private static DeliveryForecaster twoSpeedLane() {
        DeliveryForecaster f = new DeliveryForecaster(EXACT);
        transits(f, SP, 60, T0, 48);
        transits(f, SP, 40, T0, 240);
        return f;
    }

    @Test
    void aShippedParcelIsForecastFromItsLaneGivenTheTimeItHasAlreadyTaken() {
        DeliveryForecaster f = twoSpeedLane();
        Instant shipped = T0.plus(Duration.ofDays(20));
        Instant promise = h(shipped, 144);

        Forecast atHandOver = f.forecast(new OpenOrder(null, SP, T0, shipped, promise), shipped).orElseThrow();
        assertEquals(Forecast.Basis.SHIPPED, atHandOver.basis());
        assertEquals(48 + 2 * 0.5 / 0.6, hoursBetween(shipped, atHandOver.mostLikely()), 1e-6,
                "60 % arrive within 48-50 h");
        assertEquals(249, hoursBetween(shipped, atHandOver.latest()), 1e-6, "p90: 75 % into the 240-252 h bin");
        assertEquals(0.6, atHandOver.onTimeProbability(), 1e-9);

        // 100 h later and still not there: the fast ones are ruled out.
        Instant later = h(shipped, 100);
        Forecast still = f.forecast(new OpenOrder(null, SP, T0, shipped, promise), later).orElseThrow();
        assertEquals(246, hoursBetween(shipped, still.mostLikely()), 1e-6, "median of the slow ones");
        assertEquals(250.8, hoursBetween(shipped, still.latest()), 1e-6);
        assertEquals(0, still.onTimeProbability(), 1e-9);
        assertEquals(later, still.warnAt(), "already past the threshold: warn now");
        assertEquals("CORREIOS > BR > SP > 013*", still.lane());
        assertEquals(100, still.laneSamples());
    }

    @Test
    void anOrderNotShippedYetAddsTheRestOfItsDispatchTimeToTransit() {
        DeliveryForecaster f = new DeliveryForecaster(EXACT);
        for (int i = 0; i < 100; i++) {
            f.learnDispatch(null, T0, h(T0, 24));
        }
        transits(f, SP, 100, T0, 48);
        Instant confirmed = T0.plus(Duration.ofDays(10));

        Forecast fresh = f.forecast(new OpenOrder(null, SP, confirmed, null, null), confirmed).orElseThrow();
        assertEquals(Forecast.Basis.NOT_SHIPPED, fresh.basis());
        assertEquals(74, hoursBetween(confirmed, fresh.mostLikely()), 0.5, "24-26 h dispatch, then 48-50 h transit");
        assertEquals(Lane.ALL, fresh.dispatchKey());
        assertEquals(100, fresh.dispatchSamples());

        // Not shipped 30 h after confirmation, later than every order in the history: it leaves any moment.
        Forecast late = f.forecast(new OpenOrder(null, SP, confirmed, null, null), h(confirmed, 30)).orElseThrow();
        assertEquals(30 + 49, hoursBetween(confirmed, late.mostLikely()), 0.5);
    }

    @Test
    void aSparseLaneFallsBackToACoarserOneUntilItHasEnoughDeliveries() {
        DeliveryForecaster f = new DeliveryForecaster(EXACT);
        transits(f, SP, 40, T0, 48);
        transits(f, AM, 10, T0, 240);
        Instant now = T0.plus(Duration.ofDays(30));
        OpenOrder toManaus = new OpenOrder(null, AM, T0, now, null);

        Forecast coarse = f.forecast(toManaus, now).orElseThrow();
        assertEquals("CORREIOS > BR", coarse.lane());
        assertEquals(50, coarse.laneSamples());
        assertTrue(hoursBetween(now, coarse.mostLikely()) < 50, "most of the country's parcels are fast");

        transits(f, AM, 20, T0, 240);
        Forecast fine = f.forecast(toManaus, now).orElseThrow();
        assertEquals("CORREIOS > BR > AM > 690*", fine.lane());
        assertEquals(30, fine.laneSamples());
        assertTrue(hoursBetween(now, fine.mostLikely()) >= 240);

        assertEquals(List.of("CORREIOS > BR > AM > 690*", "CORREIOS > BR > AM", "* > BR > AM > 690*", "* > BR > AM",
                "CORREIOS > BR", "* > BR", "CORREIOS", "*"), AM.fallbacks(3));
        assertEquals(List.of("* > BR > AM", "* > BR", "*"), new Lane(null, "br", " am ", null).fallbacks(3));
    }

    @Test
    void onlyTheWindowCountsSoOldDeliveriesDropOutAndASlowSeasonShows() {
        DeliveryForecaster f = new DeliveryForecaster(EXACT);
        transits(f, SP, 40, T0, 48); // delivered on day 0 (2024-03-01 + 2 days... counted on the delivery day)
        Instant deliveredFast = h(T0, 48);
        Instant slowShipped = deliveredFast.plus(Duration.ofDays(50));
        transits(f, SP, 40, slowShipped, 240);
        Instant slowDelivered = h(slowShipped, 240);

        Instant bothIn = deliveredFast.plus(Duration.ofDays(89));
        assertEquals(80, f.forecast(new OpenOrder(null, SP, bothIn, bothIn, null), bothIn).orElseThrow().laneSamples());

        Instant fastGone = deliveredFast.plus(Duration.ofDays(90));
        Forecast slowOnly = f.forecast(new OpenOrder(null, SP, fastGone, fastGone, null), fastGone).orElseThrow();
        assertEquals(40, slowOnly.laneSamples());
        assertTrue(hoursBetween(fastGone, slowOnly.mostLikely()) >= 240, "only the slow season is left");

        Instant allGone = slowDelivered.plus(Duration.ofDays(90));
        assertTrue(f.forecast(new OpenOrder(null, SP, allGone, allGone, null), allGone).isEmpty(),
                "nothing in the window: no forecast");
    }

    @Test
    void calibrationMovesTheLatestDateOutWhenRecentDeliveriesOftenCameLaterThanForecast() {
        ForecastSettings calibrated = new ForecastSettings(90, 30, 3, 0.9, 10, 0.8, 0.975, 0.975);
        DeliveryForecaster plain = new DeliveryForecaster(EXACT);
        DeliveryForecaster corrected = new DeliveryForecaster(calibrated);
        for (DeliveryForecaster f : List.of(plain, corrected)) {
            transits(f, SP, 30, T0, 48);
            // Each of these came later than anything the lane had seen when it arrived (u = 1).
            transits(f, SP, 30, T0, 100);
        }
        Instant now = T0.plus(Duration.ofDays(10));
        OpenOrder order = new OpenOrder(null, SP, now, now, null);
        Forecast p = plain.forecast(order, now).orElseThrow();
        Forecast c = corrected.forecast(order, now).orElseThrow();
        assertEquals(100.8, hoursBetween(now, p.latest()), 1e-6, "plain p90: 80 % into the 96-102 h bin");
        // Each slow parcel was scored against the lane as it was when it arrived: high in it (u >= 0.6),
        // so the forecast's upper quantiles were met less often than they said: read a higher one.
        double latest = hoursBetween(now, c.latest());
        assertTrue(latest > 101 && latest <= 102, "calibrated p90 " + latest);
        assertEquals(30, corrected.learned().calibration(LearnedDurations.Step.TRANSIT,
                LearnedDurations.epochDay(now), 10).outcomes(), "the 30 deliveries after the lane had 30");
    }

    @Test
    void theWarningMomentIsWhenMissingThePromiseBecomesAsLikelyAsTheThreshold() {
        DeliveryForecaster f = twoSpeedLane();
        Instant shipped = T0.plus(Duration.ofDays(20));
        Instant promise = h(shipped, 144);

        Forecast forecast = f.forecast(new OpenOrder(null, SP, T0, shipped, promise), shipped).orElseThrow();
        // P(miss) = 0.4; undelivered at e it is 0.4 / (1 - F(e)): 0.8 where F(e) = 0.5, at 48 + 2 * 0.5 / 0.6 h.
        assertEquals(48 + 2 * 0.5 / 0.6, hoursBetween(shipped, forecast.warnAt()), 1e-6);

        DeliveryForecaster eager = new DeliveryForecaster(EXACT.withWarnThreshold(0.3));
        transits(eager, SP, 60, T0, 48);
        transits(eager, SP, 40, T0, 240);
        assertEquals(shipped, eager.forecast(new OpenOrder(null, SP, T0, shipped, promise), shipped).orElseThrow()
                .warnAt(), "0.4 is already past 0.3: warn at once");

        Forecast sure = f.forecast(new OpenOrder(null, SP, T0, shipped, h(shipped, 300)), shipped).orElseThrow();
        assertEquals(1, sure.onTimeProbability(), 1e-9);
        assertEquals(h(shipped, 252), sure.warnAt(), "not there when every parcel of the lane was: overdue");

        Forecast tooLate = f.forecast(new OpenOrder(null, SP, T0, shipped, h(shipped, 251)), shipped).orElseThrow();
        // F(251) = 0.6 + 0.4 * 11 / 12, so P(miss) = 0.4 / 12: the threshold is reached where
        // F(e) = 1 - P(miss) / 0.8, i.e. 240 + 12 * (0.4 - (0.4 / 12) / 0.8) / 0.4 h.
        assertEquals(240 + 12 * (0.4 - (0.4 / 12) / 0.8) / 0.4, hoursBetween(shipped, tooLate.warnAt()), 1e-3);
    }

    @Test
    void anOrderNotShippedIsWarnedAboutWhenItsDispatchTakesTooLongForThePromise() {
        DeliveryForecaster f = new DeliveryForecaster(EXACT);
        for (int i = 0; i < 50; i++) {
            f.learnDispatch(null, T0, h(T0, 12));
            f.learnDispatch(null, T0, h(T0, 96));
        }
        transits(f, SP, 100, T0, 48);
        Instant confirmed = T0.plus(Duration.ofDays(10));
        Instant promise = h(confirmed, 100);
        Forecast forecast = f.forecast(new OpenOrder(null, SP, confirmed, null, promise), confirmed).orElseThrow();
        assertEquals(0.5, forecast.onTimeProbability(), 0.05, "the quick half makes it, the slow half does not");
        double warn = hoursBetween(confirmed, forecast.warnAt());
        assertTrue(warn > 12 && warn < 14, "once the quick dispatches are done and this one is not: " + warn);
    }

    @Test
    void edgeCases() {
        DeliveryForecaster empty = new DeliveryForecaster(EXACT);
        assertTrue(empty.forecast(new OpenOrder(null, SP, T0, T0, h(T0, 100)), T0).isEmpty(), "no history");
        assertTrue(empty.notShippedAlertAt(null, T0, T0).isEmpty(), "fixed settings apply");
        assertTrue(empty.stalledAlertAt(SP, T0, T0).isEmpty());

        DeliveryForecaster slow = new DeliveryForecaster(EXACT);
        transits(slow, SP, 40, T0, 70 * 24);
        Instant now = T0.plus(Duration.ofDays(80));
        Forecast overflow = slow.forecast(new OpenOrder(null, SP, now, now, null), now).orElseThrow();
        assertEquals(90 * 24, hoursBetween(now, overflow.mostLikely()), 1e-6,
                "beyond 60 days, taken as evenly spread over the next 60");
        assertNull(overflow.warnAt(), "no promise, no warning");

        DeliveryForecaster f = twoSpeedLane();
        Instant shipped = T0.plus(Duration.ofDays(20));
        Instant promise = h(shipped, 24);
        Forecast passed = f.forecast(new OpenOrder(null, SP, T0, shipped, promise), h(shipped, 30)).orElseThrow();
        assertEquals(0, passed.onTimeProbability());
        assertNull(passed.warnAt(), "the promise already passed: that deadline speaks, not the forecast");

        Forecast overdue = f.forecast(new OpenOrder(null, SP, T0, shipped, h(shipped, 400)), h(shipped, 300))
                .orElseThrow();
        assertTrue(overdue.overdue());
        assertNull(overdue.mostLikely());
        assertEquals(h(shipped, 300), overdue.warnAt());

        f.learnTransit(SP, h(T0, 10), T0); // delivered before it shipped: an anomaly, not a duration
        assertEquals(100, f.forecast(new OpenOrder(null, SP, T0, shipped, null), shipped).orElseThrow().laneSamples());
    }

    @Test
    void alertTimesComeFromTheLearnedDurations() {
        DeliveryForecaster f = twoSpeedLane();
        for (int i = 0; i < 100; i++) {
            f.learnDispatch("shop-1", T0, h(T0, 24));
        }
        Instant at = T0.plus(Duration.ofDays(20));
        // 97.5 % of dispatches within 24 + 2 * 0.975 h; of transits within 240 + 12 * 0.9375 h.
        assertEquals(h(at, 24 + 2 * 0.975), f.notShippedAlertAt("shop-1", at, at).orElseThrow());
        assertEquals(h(at, 240 + 12 * 0.9375), f.stalledAlertAt(SP, at, at).orElseThrow());
    }
}
