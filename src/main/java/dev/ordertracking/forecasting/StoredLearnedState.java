package dev.ordertracking.forecasting;

import dev.ordertracking.forecast.ForecastSettings;
import dev.ordertracking.forecast.LearnedDurations.Resolved;
import dev.ordertracking.forecast.LearnedDurations.Step;
import dev.ordertracking.forecast.LearnedState;
import dev.ordertracking.forecast.ProbabilityCalibration;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learned state as stored, read for one batch of forecasts: each key list and day is read once
 * (orders of a batch share their lanes' coarser levels and every shop's dispatch). Read after the
 * batch has learned, so it sees what the batch taught.
 */
final class StoredLearnedState implements LearnedState {

    private record Query(Step step, List<String> keys, long day) {
    }

    private record OutcomesOf(Step step, long day) {
    }

    private final ForecastStore store;
    private final ForecastSettings settings;
    private final Map<Query, Optional<Resolved>> resolved = new HashMap<>();
    private final Map<OutcomesOf, long[]> outcomes = new HashMap<>();

    StoredLearnedState(ForecastStore store, ForecastSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public Resolved resolve(Step step, List<String> keys, long epochDay) {
        return resolved.computeIfAbsent(new Query(step, List.copyOf(keys), epochDay), q -> Optional.ofNullable(
                read(() -> store.resolve(step, keys, epochDay, settings.windowDays(), settings.minSamples()))))
                .orElse(null);
    }

    @Override
    public ProbabilityCalibration calibration(Step step, long epochDay, double priorWeight) {
        long[] counts = outcomes.computeIfAbsent(new OutcomesOf(step, epochDay),
                q -> read(() -> store.outcomes(step, epochDay, settings.windowDays())));
        return new ProbabilityCalibration(counts, priorWeight);
    }

    private interface Read<T> {
        T read() throws SQLException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.read();
        } catch (SQLException e) {
            throw new StorageFailure(e);
        }
    }

    /** A failed read inside the model's calls, carried out to where SQL failures are handled. */
    static final class StorageFailure extends RuntimeException {
        StorageFailure(SQLException cause) {
            super(cause);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }
}
