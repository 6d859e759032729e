package dev.ordertracking.replay;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OlistExpectedStatsTest {

    @Test
    void matchesTheFiguresOfTheOlistReadme() throws Exception {
        Path dir = OlistSample.require();

        OlistExpectedStats stats = OlistExpectedStats.compute(dir);

        assertEquals(5164, stats.delivered());
        assertEquals(4822, stats.onTime());
        assertEquals(342, stats.late());
        assertEquals(stats.delivered(), stats.onTime() + stats.late());
        assertEquals(4750, stats.early());
        // Cross-checked with an independent Python (zoneinfo) computation over the same CSV.
        assertEquals(248.21875, stats.p50(), 1e-6);
        assertEquals(546.3358333, stats.p90(), 1e-6);
        assertEquals(1111.6714444, stats.p99(), 1e-6);
    }

    @Test
    void percentileContInterpolatesLikePostgres() {
        double[] values = {1, 2, 3, 4};
        assertEquals(2.5, OlistExpectedStats.percentileCont(values, 0.5), 1e-12);
        assertEquals(3.7, OlistExpectedStats.percentileCont(values, 0.9), 1e-12);
        assertEquals(1.0, OlistExpectedStats.percentileCont(values, 0.0), 1e-12);
        assertEquals(4.0, OlistExpectedStats.percentileCont(values, 1.0), 1e-12);
        assertEquals(7.0, OlistExpectedStats.percentileCont(new double[] {7}, 0.99), 1e-12);
    }
}
