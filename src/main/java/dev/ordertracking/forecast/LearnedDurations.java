package dev.ordertracking.forecast;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the forecasts learned: for each kind of step and key (a lane, a shop) its durations of
 * the window in daily buckets, and per step how recent forecasts turned out (for calibration).
 * Stored, a bucket is one row keyed by (step, key, day) with its counts (see {@link WindowedCounts}).
 * Each learned sample changes one bucket per key it counts in, a fixed handful; nothing scans history.
 */
public final class LearnedDurations implements LearnedState {

    /** The steps of an order's way whose durations are learned. */
    public enum Step {
        /** Confirmation to hand-over to a carrier, per shop. */
        DISPATCH,
        /** Hand-over to delivery, per lane. */
        TRANSIT
    }

    /** The durations a forecast rests on, and where from. */
    public record Resolved(String key, long samples, DurationDistribution durations) {
    }

    private final int windowDays;
    private final int minSamples;
    private final Map<Step, Map<String, WindowedCounts>> durations = new HashMap<>();
    private final Map<Step, WindowedCounts> outcomes = new HashMap<>();

    public LearnedDurations(int windowDays, int minSamples) {
        this.windowDays = windowDays;
        this.minSamples = minSamples;
        for (Step step : Step.values()) {
            durations.put(step, new HashMap<>());
            outcomes.put(step, new WindowedCounts(windowDays, ProbabilityCalibration.BINS));
        }
    }

    public static long epochDay(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }

    /** The first of {@code keys} (finest first) with at least the minimum of samples in the window, if any. */
    @Override
    public Resolved resolve(Step step, List<String> keys, long epochDay) {
        Map<String, WindowedCounts> byKey = durations.get(step);
        for (String key : keys) {
            WindowedCounts counts = byKey.get(key);
            if (counts != null && counts.total(epochDay) >= minSamples) {
                return new Resolved(key, counts.total(epochDay), new DurationDistribution(counts.window(epochDay)));
            }
        }
        return null;
    }

    /** Counts one duration, learned on {@code epochDay}, in each of {@code keys}. */
    public void add(Step step, List<String> keys, long epochDay, double hours) {
        int bin = DurationBins.indexOf(hours);
        for (String key : keys) {
            durations.get(step).computeIfAbsent(key, k -> new WindowedCounts(windowDays, DurationBins.COUNT))
                    .add(epochDay, bin);
        }
    }

    /** Counts how a forecast of the step turned out: {@code u} is its probability of the actual duration or less. */
    public void addOutcome(Step step, long epochDay, double u) {
        outcomes.get(step).add(epochDay, ProbabilityCalibration.binOf(u));
    }

    @Override
    public ProbabilityCalibration calibration(Step step, long epochDay, double priorWeight) {
        return new ProbabilityCalibration(outcomes.get(step).window(epochDay), priorWeight);
    }

    /** The stored form of one key's durations (for inspection and tests). */
    public WindowedCounts counts(Step step, String key) {
        return durations.get(step).get(key);
    }
}
