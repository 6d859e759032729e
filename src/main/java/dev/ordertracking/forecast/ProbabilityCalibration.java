package dev.ordertracking.forecast;

/**
 * How the probabilities a forecast gave turned out: G(u) is the share of recent outcomes that
 * came at or below the forecast's u-quantile (its probability integral transform). A calibrated
 * forecast has G(u) = u; a forecast whose "90 %" was met only 85 % of the time has G(0.9) = 0.85.
 * Reading the forecast's G⁻¹(p)-quantile instead of its p-quantile corrects it. Until there are
 * many outcomes the identity weighs in ({@code priorWeight} pseudo-outcomes), so a few early
 * outcomes do not swing it.
 */
public final class ProbabilityCalibration {

    /** Bins of u over [0, 1]. */
    public static final int BINS = 100;

    public static final ProbabilityCalibration IDENTITY = new ProbabilityCalibration(new long[BINS], 1);

    /** g[i] = G(i / BINS). */
    private final double[] g = new double[BINS + 1];
    private final long outcomes;

    public ProbabilityCalibration(long[] counts, double priorWeight) {
        if (counts.length != BINS) {
            throw new IllegalArgumentException(counts.length + " counts for " + BINS + " bins");
        }
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        outcomes = n;
        long running = 0;
        for (int i = 0; i <= BINS; i++) {
            double uniform = (double) i / BINS;
            g[i] = (running + priorWeight * uniform) / (n + priorWeight);
            if (i < BINS) {
                running += counts[i];
            }
        }
        g[BINS] = 1;
    }

    /** The bin an outcome's u falls in. */
    public static int binOf(double u) {
        return Math.min(BINS - 1, Math.max(0, (int) Math.floor(u * BINS)));
    }

    public long outcomes() {
        return outcomes;
    }

    /** G(u): the share of outcomes that came at or below the forecast's u-quantile. */
    public double apply(double u) {
        if (!(u > 0)) {
            return 0;
        }
        if (u >= 1) {
            return 1;
        }
        double x = u * BINS;
        int i = (int) Math.floor(x);
        return g[i] + (g[i + 1] - g[i]) * (x - i);
    }

    /** G⁻¹(p): the forecast's quantile that outcomes met a share p of the time. */
    public double invert(double p) {
        if (!(p > 0)) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        int lo = 0;
        int hi = BINS;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (g[mid] < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = g[hi] - g[lo];
        double within = span <= 0 ? 0 : (p - g[lo]) / span;
        return (lo + within) / BINS;
    }
}
