package dev.ordertracking.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed bins every learned duration is counted in: finer where durations are short (1 h up to
 * a day, 2 h up to 3 days, 6 h up to 10 days, 12 h up to 60 days) and one overflow bin beyond.
 * Fixed for good, so that stored counts stay comparable: a change of bins is a new {@link #VERSION}.
 * Within a bin durations are taken as evenly spread; the overflow bin is taken as evenly spread over
 * the {@link #OVERFLOW_SPREAD_HOURS} after its lower edge.
 */
public final class DurationBins {

    /** Stored with the counts, so counts made with other bins are never mixed in. */
    public static final int VERSION = 1;

    public static final double OVERFLOW_SPREAD_HOURS = 60 * 24;

    private static final double[] EDGES;

    static {
        List<Double> edges = new ArrayList<>();
        step(edges, 0, 24, 1);
        step(edges, 24, 72, 2);
        step(edges, 72, 240, 6);
        step(edges, 240, 1440, 12);
        edges.add(1440.0);
        EDGES = edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Number of bins, the overflow bin included. */
    public static final int COUNT = EDGES.length;

    private DurationBins() {
    }

    private static void step(List<Double> edges, double from, double to, double width) {
        for (double h = from; h < to; h += width) {
            edges.add(h);
        }
    }

    /** The bin a duration falls in; a negative duration (an anomaly the caller should skip) counts as 0. */
    public static int indexOf(double hours) {
        if (!(hours > 0)) {
            return 0;
        }
        int i = Arrays.binarySearch(EDGES, hours);
        return i >= 0 ? i : -i - 2;
    }

    public static double lower(int bin) {
        return EDGES[bin];
    }

    /** The upper edge; for the overflow bin, the end of its assumed spread. */
    public static double upper(int bin) {
        return bin + 1 < COUNT ? EDGES[bin + 1] : EDGES[COUNT - 1] + OVERFLOW_SPREAD_HOURS;
    }

    /** Where the overflow bin starts (60 days). */
    public static double overflowFrom() {
        return EDGES[COUNT - 1];
    }
}
