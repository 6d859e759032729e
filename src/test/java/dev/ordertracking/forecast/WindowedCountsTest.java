package dev.ordertracking.forecast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class WindowedCountsTest {

    @Test
    void daysLeaveTheWindowOnceAndTheSumFollows() {
        WindowedCounts counts = new WindowedCounts(3, 2);
        counts.add(10, 0);
        counts.add(11, 1);
        counts.add(11, 1);
        assertArrayEquals(new long[] {1, 2}, counts.window(12));
        assertArrayEquals(new long[] {0, 2}, counts.window(13), "day 10 left the window of days 11-13");
        assertFalse(counts.add(10, 0), "too old to count");
        counts.add(15, 0);
        assertEquals(1, counts.total(15));
        assertEquals(1, counts.buckets().size());
        assertEquals(15, counts.buckets().get(0).epochDay());
        assertEquals(0, counts.total(100), "a long gap empties the ring");
    }

    @Test
    void binsCoverEveryDurationWithAnOverflowBin() {
        assertEquals(0, DurationBins.indexOf(-5));
        assertEquals(0, DurationBins.indexOf(0.5));
        assertEquals(48, DurationBins.lower(DurationBins.indexOf(48)));
        assertEquals(50, DurationBins.upper(DurationBins.indexOf(48)));
        assertEquals(DurationBins.COUNT - 1, DurationBins.indexOf(24 * 365));
        assertEquals(1440 + DurationBins.OVERFLOW_SPREAD_HOURS, DurationBins.upper(DurationBins.COUNT - 1));
    }

    @Test
    void calibrationInvertsWhatItApplies() {
        long[] outcomes = new long[ProbabilityCalibration.BINS];
        for (int i = 0; i < 85; i++) {
            outcomes[i] = 1; // 85 of 100 outcomes at or below u = 0.85 ...
        }
        outcomes[99] = 15; // ... and the rest above 0.99
        ProbabilityCalibration g = new ProbabilityCalibration(outcomes, 1e-9);
        assertEquals(0.85, g.apply(0.9), 1e-6, "the forecast's 90 % was met 85 % of the time");
        assertEquals(0.99 + 0.01 / 3, g.invert(0.9), 1e-6, "its 99.33 % is met 90 % of the time");
        assertEquals(0.9, g.apply(g.invert(0.9)), 1e-9);
        assertEquals(0.0, ProbabilityCalibration.IDENTITY.invert(0));
        assertEquals(0.42, ProbabilityCalibration.IDENTITY.apply(0.42), 1e-12);
    }
}
