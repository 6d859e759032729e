package dev.ordertracking.forecasting;

import dev.ordertracking.forecast.Forecast;

import java.time.Instant;

/**
 * An open order's current forecast, as stored.
 *
 * @param warnAt   the warning moment the forecast keeps a deadline for; null when it keeps none (no
 *                 moment before the promise, already warned, or an order known only from history)
 * @param warnedAt when the forecast's warning was given; an order is warned once
 */
public record StoredForecast(String orderId, Forecast.Basis basis, Instant mostLikelyAt, Instant latestAt,
                             double onTimeProbability, boolean overdue, Instant warnAt, String lane, long laneSamples,
                             String dispatchKey, Long dispatchSamples, Instant computedAt, Instant warnedAt) {

    static StoredForecast of(String orderId, Forecast f, Instant warnAt, Instant computedAt, Instant warnedAt) {
        return new StoredForecast(orderId, f.basis(), f.mostLikely(), f.latest(), f.onTimeProbability(), f.overdue(),
                warnAt, f.lane(), f.laneSamples(), f.dispatchKey(),
                f.dispatchKey() == null ? null : f.dispatchSamples(), computedAt, warnedAt);
    }
}
