package dev.ordertracking.forecast;

import dev.ordertracking.forecast.LearnedDurations.Resolved;
import dev.ordertracking.forecast.LearnedDurations.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Learns dispatch and transit durations from what happened, and forecasts open orders from them.
 *
 * <p>Learning: {@link #learnDispatch} at a hand-over, {@link #learnTransit} at a delivery. Before a
 * sample is counted, the forecast that would have been made for it is scored (where in its
 * distribution the actual duration fell), which is what calibration learns from. Callers count each
 * hand-over and delivery once (by event id); nothing here looks at anything later than the sample.
 *
 * <p>Forecasting, conditioned on what is known at {@code now}: a shipped parcel's transit given that
 * it has taken {@code now - shippedAt} so far; an order not shipped yet: the rest of its dispatch
 * (given it has taken {@code now - confirmedAt} so far) followed by transit.
 */
public final class DeliveryForecaster {

    /** Points the remaining dispatch time is summarised by in the convolution with transit. */
    private static final int DISPATCH_POINTS = 24;
    private static final double NOTHING_LEFT = 1e-9;
    private static final double HOUR_SECONDS = 3600.0;

    private final ForecastSettings settings;
    private final LearnedState state;
    /** Where samples are counted in memory; null when the learned state is read from elsewhere (storage). */
    private final LearnedDurations learned;

    public DeliveryForecaster(ForecastSettings settings) {
        this(settings, new LearnedDurations(settings.windowDays(), settings.minSamples()));
    }

    public DeliveryForecaster(ForecastSettings settings, LearnedDurations learned) {
        this.settings = settings;
        this.state = learned;
        this.learned = learned;
    }

    /** Forecasts from a learned state kept elsewhere; samples are then counted by its keeper ({@link #sample}). */
    public DeliveryForecaster(ForecastSettings settings, LearnedState state) {
        this.settings = settings;
        this.state = state;
        this.learned = state instanceof LearnedDurations d ? d : null;
    }

    public ForecastSettings settings() {
        return settings;
    }

    public LearnedDurations learned() {
        return learned;
    }

    /**
     * One learned duration as it is counted: one bin of its day in each of its keys, and, when a
     * forecast could have been made for it just before, where the actual duration fell in that
     * forecast's distribution (its probability integral transform, which calibration learns from).
     *
     * @param outcome null when there was too little history for a forecast
     */
    public record Sample(Step step, List<String> keys, long epochDay, double hours, Double outcome) {

        public int bin() {
            return DurationBins.indexOf(hours);
        }
    }

    /** A hand-over happened: dispatch took {@code shippedAt - confirmedAt}. Negative durations (anomalies) are skipped. */
    public void learnDispatch(String shop, Instant confirmedAt, Instant shippedAt) {
        dispatchSample(shop, confirmedAt, shippedAt, Long.MAX_VALUE).ifPresent(this::count);
    }

    /** A delivery happened: transit took {@code deliveredAt - shippedAt}. Negative durations (anomalies) are skipped. */
    public void learnTransit(Lane lane, Instant shippedAt, Instant deliveredAt) {
        transitSample(lane, shippedAt, deliveredAt, Long.MAX_VALUE).ifPresent(this::count);
    }

    /**
     * What a hand-over teaches, scored against the state as it is (before the sample counts); empty
     * for a negative or unknown duration. The sample counts on the day dispatch ended, but not later
     * than {@code latestDay} (a clock's today, so times a little ahead of it do not count in the future).
     */
    public Optional<Sample> dispatchSample(String shop, Instant confirmedAt, Instant shippedAt, long latestDay) {
        return sample(Step.DISPATCH, dispatchKeys(shop), confirmedAt, shippedAt, latestDay);
    }

    /** What a delivery teaches, like {@link #dispatchSample}, in every level of its lane. */
    public Optional<Sample> transitSample(Lane lane, Instant shippedAt, Instant deliveredAt, long latestDay) {
        return sample(Step.TRANSIT, lane.fallbacks(settings.postalPrefixLength()), shippedAt, deliveredAt, latestDay);
    }

    private Optional<Sample> sample(Step step, List<String> keys, Instant from, Instant to, long latestDay) {
        if (from == null || to == null || to.isBefore(from)) {
            return Optional.empty();
        }
        long day = Math.min(LearnedDurations.epochDay(to), latestDay);
        double hours = hours(from, to);
        Resolved before = state.resolve(step, keys, day);
        return Optional.of(new Sample(step, keys, day, hours, before == null ? null : before.durations().cdf(hours)));
    }

    private void count(Sample s) {
        if (learned == null) {
            throw new IllegalStateException("the learned state is kept elsewhere: its keeper counts samples");
        }
        if (s.outcome() != null) {
            learned.addOutcome(s.step(), s.epochDay(), s.outcome());
        }
        learned.add(s.step(), s.keys(), s.epochDay(), s.hours());
    }

    /** The forecast for an open order, or empty while there is too little history for its lane. */
    public Optional<Forecast> forecast(OpenOrder order, Instant now) {
        long day = LearnedDurations.epochDay(now);
        Resolved transit = state.resolve(Step.TRANSIT, order.lane().fallbacks(settings.postalPrefixLength()), day);
        if (transit == null) {
            return Optional.empty();
        }
        Curve t = new Curve(transit.durations(), state.calibration(Step.TRANSIT, day, settings.calibrationPrior()));
        if (order.shippedAt() != null) {
            return Optional.of(shipped(order, now, transit, t));
        }
        Resolved dispatch = state.resolve(Step.DISPATCH, dispatchKeys(order.shop()), day);
        if (dispatch == null) {
            return Optional.empty();
        }
        Curve d = new Curve(dispatch.durations(), state.calibration(Step.DISPATCH, day, settings.calibrationPrior()));
        return Optional.of(notShipped(order, now, transit, t, dispatch, d));
    }

    private Forecast shipped(OpenOrder order, Instant now, Resolved transit, Curve t) {
        Instant from = order.shippedAt();
        double elapsed = Math.max(0, hours(from, now));
        double done = t.cdf(elapsed);
        Instant promise = order.promiseDeadline();
        if (1 - done < NOTHING_LEFT) {
            return new Forecast(Forecast.Basis.SHIPPED, null, null, 0, promise != null && now.isBefore(promise)
                    ? now : null, transit.key(), transit.samples(), null, 0, true);
        }
        Instant p50 = at(from, t.quantile(done + 0.5 * (1 - done)));
        Instant p90 = at(from, t.quantile(done + settings.latestQuantile() * (1 - done)));
        if (promise == null) {
            return new Forecast(Forecast.Basis.SHIPPED, p50, p90, 1, null, transit.key(), transit.samples(), null, 0,
                    false);
        }
        double byPromise = t.cdf(hours(from, promise));
        double onTime = Math.max(0, (byPromise - done) / (1 - done));
        Instant warnAt = null;
        if (now.isBefore(promise)) {
            // P(miss | undelivered after e) = (1 - F(P)) / (1 - F(e)) grows with e: it reaches the
            // threshold where F(e) = 1 - (1 - F(P)) / threshold.
            double miss = 1 - byPromise;
            // Still undelivered after every parcel of the lane arrived, it is overdue (see above); before
            // that, the conditional probability decides.
            double need = miss > 0 ? 1 - miss / settings.warnThreshold() : 1;
            Instant w = need <= done ? now : at(from, t.quantile(need));
            warnAt = w.isBefore(promise) ? (w.isBefore(now) ? now : w) : null;
        }
        return new Forecast(Forecast.Basis.SHIPPED, p50, p90, onTime, warnAt, transit.key(), transit.samples(), null,
                0, false);
    }

    private Forecast notShipped(OpenOrder order, Instant now, Resolved transit, Curve t, Resolved dispatch, Curve d) {
        Instant from = order.confirmedAt();
        double elapsed = Math.max(0, hours(from, now));
        double[] rest = remainingDispatch(d, elapsed);
        Instant p50 = at(from, convolvedQuantile(rest, t, 0.5));
        Instant p90 = at(from, convolvedQuantile(rest, t, settings.latestQuantile()));
        Instant promise = order.promiseDeadline();
        if (promise == null) {
            return new Forecast(Forecast.Basis.NOT_SHIPPED, p50, p90, 1, null, transit.key(), transit.samples(),
                    dispatch.key(), dispatch.samples(), false);
        }
        double byPromise = hours(from, promise);
        double onTime = now.isBefore(promise) ? convolvedCdf(rest, t, byPromise) : 0;
        Instant warnAt = null;
        if (now.isBefore(promise)) {
            double threshold = settings.warnThreshold();
            if (1 - onTime >= threshold) {
                warnAt = now;
            } else if (1 - convolvedCdf(remainingDispatch(d, byPromise), t, byPromise) >= threshold) {
                // The probability of a miss, if still not shipped at w, grows with w: find where it crosses.
                double lo = elapsed;
                double hi = byPromise;
                while (hi - lo > 1.0 / 6) {
                    double mid = (lo + hi) / 2;
                    if (1 - convolvedCdf(remainingDispatch(d, mid), t, byPromise) >= threshold) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                Instant w = at(from, hi);
                warnAt = w.isBefore(promise) ? w : null;
            }
        }
        return new Forecast(Forecast.Basis.NOT_SHIPPED, p50, p90, onTime, warnAt, transit.key(), transit.samples(),
                dispatch.key(), dispatch.samples(), false);
    }

    /**
     * NOT_SHIPPED: when the given share of the shop's orders had been handed over by (calibrated against
     * recent outcomes), counted from {@code confirmedAt}; empty while there is too little history.
     */
    public Optional<Instant> notShippedAlertAt(String shop, Instant confirmedAt, Instant now) {
        long day = LearnedDurations.epochDay(now);
        Resolved dispatch = state.resolve(Step.DISPATCH, dispatchKeys(shop), day);
        if (dispatch == null) {
            return Optional.empty();
        }
        Curve d = new Curve(dispatch.durations(), state.calibration(Step.DISPATCH, day, settings.calibrationPrior()));
        return Optional.of(at(confirmedAt, d.quantile(settings.notShippedQuantile())));
    }

    /**
     * STALLED: when the given share of the lane's parcels had been delivered by (calibrated), counted
     * from {@code shippedAt}; empty while there is too little history.
     */
    public Optional<Instant> stalledAlertAt(Lane lane, Instant shippedAt, Instant now) {
        long day = LearnedDurations.epochDay(now);
        Resolved transit = state.resolve(Step.TRANSIT, lane.fallbacks(settings.postalPrefixLength()), day);
        if (transit == null) {
            return Optional.empty();
        }
        Curve t = new Curve(transit.durations(), state.calibration(Step.TRANSIT, day, settings.calibrationPrior()));
        return Optional.of(at(shippedAt, t.quantile(settings.stalledQuantile())));
    }

    /** The rest of the dispatch time, given {@code elapsed} hours so far, as equally likely points (hours). */
    private static double[] remainingDispatch(Curve d, double elapsed) {
        double done = d.cdf(elapsed);
        double[] points = new double[DISPATCH_POINTS];
        for (int k = 0; k < DISPATCH_POINTS; k++) {
            points[k] = 1 - done < NOTHING_LEFT ? elapsed
                    : Math.max(elapsed, d.quantile(done + (k + 0.5) / DISPATCH_POINTS * (1 - done)));
        }
        return points;
    }

    private static double convolvedCdf(double[] dispatch, Curve t, double hours) {
        double sum = 0;
        for (double d : dispatch) {
            sum += t.cdf(hours - d);
        }
        return sum / dispatch.length;
    }

    private static double convolvedQuantile(double[] dispatch, Curve t, double p) {
        double lo = 0;
        double hi = 0;
        for (double d : dispatch) {
            hi = Math.max(hi, d);
        }
        hi += t.quantile(1) + 1;
        while (hi - lo > 0.25) {
            double mid = (lo + hi) / 2;
            if (convolvedCdf(dispatch, t, mid) >= p) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The keys dispatch times are learned per, finest first: the shop (when known), then every shop. */
    public static List<String> dispatchKeys(String shop) {
        List<String> keys = new ArrayList<>(2);
        if (shop != null && !shop.isBlank()) {
            keys.add("shop " + shop.strip());
        }
        keys.add(Lane.ALL);
        return keys;
    }

    static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0 / HOUR_SECONDS;
    }

    private static Instant at(Instant from, double hours) {
        return from.plusMillis(Math.round(hours * HOUR_SECONDS * 1000));
    }

    /** A learned distribution corrected by how its recent forecasts turned out: G(F(h)). */
    private record Curve(DurationDistribution raw, ProbabilityCalibration calibration) {

        double cdf(double hours) {
            return calibration.apply(raw.cdf(hours));
        }

        double quantile(double p) {
            return raw.quantile(calibration.invert(p));
        }
    }
}
