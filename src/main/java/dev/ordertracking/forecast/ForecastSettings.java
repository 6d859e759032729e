package dev.ordertracking.forecast;

/**
 * How delivery forecasts learn and warn.
 *
 * @param windowDays         only deliveries (and hand-overs) of this many recent days count, so a slow season shows
 * @param minSamples         a lane (or shop) needs this many in the window before a forecast rests on it; fewer
 *                           and the next coarser one is used; with fewer everywhere there is no forecast and the
 *                           alerts use their fixed settings
 * @param postalPrefixLength leading characters of the postal code that make the finest lane (0: no postal lanes)
 * @param latestQuantile     the share of deliveries the "at the latest" date should be met by (0.9)
 * @param calibrationPrior   pseudo-outcomes of a perfectly calibrated forecast mixed into the recent outcomes,
 *                           so the correction needs many outcomes before it moves far
 * @param warnThreshold      tell the customer once the probability of missing the promise reaches this
 * @param notShippedQuantile NOT_SHIPPED when not handed over by the time this share of the shop's orders were
 * @param stalledQuantile    STALLED when not delivered by the time this share of the lane's parcels were
 */
public record ForecastSettings(int windowDays, int minSamples, int postalPrefixLength, double latestQuantile,
                               double calibrationPrior, double warnThreshold, double notShippedQuantile,
                               double stalledQuantile) {

    public static final ForecastSettings DEFAULTS = new ForecastSettings(90, 30, 3, 0.9, 200, 0.8, 0.975, 0.975);

    public ForecastSettings {
        require(windowDays >= 1, "window-days must be at least 1");
        require(minSamples >= 1, "min-samples must be at least 1");
        require(postalPrefixLength >= 0, "postal-prefix-length must not be negative");
        require(latestQuantile > 0.5 && latestQuantile < 1, "latest-quantile must be above 0.5 and below 1");
        require(calibrationPrior > 0, "calibration-prior must be positive");
        require(warnThreshold > 0 && warnThreshold < 1, "warn-threshold must be above 0 and below 1");
        require(notShippedQuantile > 0 && notShippedQuantile < 1, "not-shipped-quantile must be above 0 and below 1");
        require(stalledQuantile > 0 && stalledQuantile < 1, "stalled-quantile must be above 0 and below 1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public ForecastSettings withWarnThreshold(double threshold) {
        return new ForecastSettings(windowDays, minSamples, postalPrefixLength, latestQuantile, calibrationPrior,
                threshold, notShippedQuantile, stalledQuantile);
    }
}
