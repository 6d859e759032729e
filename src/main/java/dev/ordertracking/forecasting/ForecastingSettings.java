package dev.ordertracking.forecasting;

import dev.ordertracking.forecast.ForecastSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The delivery forecast's settings, {@code tracking.forecast.*} (docs/forecast.md). The defaults are
 * {@link ForecastSettings#DEFAULTS}, the ones the backtest measured.
 */
@ConfigMapping(prefix = "tracking.forecast")
public interface ForecastingSettings {

    /** Off: nothing is learned or forecast, and NOT_SHIPPED and STALLED keep their fixed windows. */
    @WithDefault("true")
    boolean enabled();

    /** Only deliveries (and hand-overs) of this many recent days count, so a slow season shows. */
    @WithDefault("90")
    int windowDays();

    /** Deliveries a lane (hand-overs a shop) needs in the window before a forecast rests on it. */
    @WithDefault("30")
    int minSamples();

    /** Leading characters of the postal code that make the finest lane (0: no postal lanes). */
    @WithDefault("3")
    int postalPrefixLength();

    /** The share of deliveries the "at the latest" date should be met by. */
    @WithDefault("0.9")
    double latestQuantile();

    /** Pseudo-outcomes of a calibrated forecast weighed in with the recent outcomes. */
    @WithDefault("200")
    double calibrationPrior();

    /** The customer is told once the probability of missing the promise reaches this. */
    @WithDefault("0.8")
    double warnThreshold();

    /** NOT_SHIPPED once this share of recent orders would have been handed over. */
    @WithDefault("0.975")
    double notShippedQuantile();

    /** STALLED once this share of the lane's recent parcels would have arrived (and no news for stall-after). */
    @WithDefault("0.975")
    double stalledQuantile();

    /** The settings the model takes. */
    default ForecastSettings settings() {
        return new ForecastSettings(windowDays(), minSamples(), postalPrefixLength(), latestQuantile(),
                calibrationPrior(), warnThreshold(), notShippedQuantile(), stalledQuantile());
    }
}
