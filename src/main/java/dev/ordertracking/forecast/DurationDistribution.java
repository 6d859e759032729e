package dev.ordertracking.forecast;

/**
 * A distribution of durations in hours, read from the counts of {@link DurationBins}: piecewise
 * linear between bin edges (durations evenly spread within a bin).
 */
public final class DurationDistribution {

    private final long samples;
    /** below[i]: share of samples below the lower edge of bin i; below[COUNT] = 1. */
    private final double[] below;

    public DurationDistribution(long[] counts) {
        if (counts.length != DurationBins.COUNT) {
            throw new IllegalArgumentException(counts.length + " counts for " + DurationBins.COUNT + " bins");
        }
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        this.samples = n;
        this.below = new double[counts.length + 1];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            below[i] = n == 0 ? 0 : (double) running / n;
            running += counts[i];
        }
        below[counts.length] = 1;
    }

    public long samples() {
        return samples;
    }

    public boolean isEmpty() {
        return samples == 0;
    }

    /** Share of durations up to {@code hours}. */
    public double cdf(double hours) {
        if (samples == 0) {
            throw new IllegalStateException("no samples");
        }
        if (!(hours > 0)) {
            return 0;
        }
        int bin = DurationBins.indexOf(hours);
        double lo = DurationBins.lower(bin);
        double hi = DurationBins.upper(bin);
        if (hours >= hi) {
            return 1;
        }
        return below[bin] + (below[bin + 1] - below[bin]) * (hours - lo) / (hi - lo);
    }

    /** The duration in hours below which a share {@code p} of durations lie. */
    public double quantile(double p) {
        if (samples == 0) {
            throw new IllegalStateException("no samples");
        }
        double q = Math.min(1, Math.max(0, p));
        // the first bin with mass whose upper share reaches q
        int lo = 0;
        int hi = DurationBins.COUNT - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (below[mid + 1] >= q && below[mid + 1] > 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int bin = lo;
        while (bin < DurationBins.COUNT - 1 && below[bin + 1] - below[bin] <= 0) {
            bin++;
        }
        double mass = below[bin + 1] - below[bin];
        double within = mass <= 0 ? 0 : Math.min(1, Math.max(0, (q - below[bin]) / mass));
        return DurationBins.lower(bin) + within * (DurationBins.upper(bin) - DurationBins.lower(bin));
    }
}
