package dev.ordertracking.forecast;

import dev.ordertracking.forecast.LearnedDurations.Resolved;
import dev.ordertracking.forecast.LearnedDurations.Step;

import java.util.List;

/**
 * What a forecast reads of everything learned: the durations of the first key with enough samples in
 * the window, and how the step's recent forecasts turned out. Held in memory ({@link LearnedDurations},
 * the backtest) or read from storage (the service), with the same answers for the same samples.
 */
public interface LearnedState {

    /** The first of {@code keys} (finest first) with at least the minimum of samples in the window ending on {@code epochDay}, or null. */
    Resolved resolve(Step step, List<String> keys, long epochDay);

    /** How the step's forecasts of the window ending on {@code epochDay} turned out, with {@code priorWeight} pseudo-outcomes. */
    ProbabilityCalibration calibration(Step step, long epochDay, double priorWeight);
}
