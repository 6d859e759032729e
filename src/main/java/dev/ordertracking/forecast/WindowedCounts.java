package dev.ordertracking.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts per bin over the last {@code windowDays} days: a ring of daily buckets and their running
 * sum. Adding a sample and reading the sum cost O(bins), whatever the number of samples ever seen;
 * a day that leaves the window is subtracted once.
 *
 * <p>Stored, each bucket is one row keyed by (what is counted, day) holding its counts, and a sample
 * is an upsert adding one to a bin of its day's row; the sum is the rows of the window added up.
 * The day of a sample is the day its outcome became known (a delivery's day for a transit), in UTC,
 * as a count of days since 1970-01-01.
 */
public final class WindowedCounts {

    /** One day's counts, as it would be stored. */
    public record DailyBucket(long epochDay, long[] counts) {
    }

    private final int windowDays;
    private final int bins;
    private final long[][] counts;
    private final long[] dayOfSlot;
    private final long[] sum;
    private long total;
    private long latestDay = Long.MIN_VALUE;

    public WindowedCounts(int windowDays, int bins) {
        if (windowDays < 1 || bins < 1) {
            throw new IllegalArgumentException("window of " + windowDays + " days, " + bins + " bins");
        }
        this.windowDays = windowDays;
        this.bins = bins;
        this.counts = new long[windowDays][bins];
        this.dayOfSlot = new long[windowDays];
        java.util.Arrays.fill(dayOfSlot, Long.MIN_VALUE);
        this.sum = new long[bins];
    }

    /**
     * Counts one sample of {@code epochDay}. A day already out of the window (older than the latest
     * day seen by {@code windowDays} or more) is not counted.
     *
     * @return whether it was counted
     */
    public boolean add(long epochDay, int bin) {
        return add(epochDay, bin, 1);
    }

    public boolean add(long epochDay, int bin, long n) {
        advanceTo(epochDay);
        if (epochDay <= latestDay - windowDays) {
            return false;
        }
        int slot = Math.floorMod(epochDay, windowDays);
        if (dayOfSlot[slot] != epochDay) {
            evict(slot);
            dayOfSlot[slot] = epochDay;
        }
        counts[slot][bin] += n;
        sum[bin] += n;
        total += n;
        return true;
    }

    /** The counts of the window ending with {@code epochDay} (days {@code epochDay - windowDays + 1 .. epochDay}). */
    public long[] window(long epochDay) {
        advanceTo(epochDay);
        return sum.clone();
    }

    /** Samples in the window ending with {@code epochDay}. */
    public long total(long epochDay) {
        advanceTo(epochDay);
        return total;
    }

    /** The buckets still in the window, oldest first: what is stored. */
    public List<DailyBucket> buckets() {
        List<DailyBucket> out = new ArrayList<>();
        for (long d = latestDay - windowDays + 1; latestDay != Long.MIN_VALUE && d <= latestDay; d++) {
            int slot = Math.floorMod(d, windowDays);
            if (dayOfSlot[slot] == d) {
                out.add(new DailyBucket(d, counts[slot].clone()));
            }
        }
        return out;
    }

    public int windowDays() {
        return windowDays;
    }

    /** Moves the window's end to {@code epochDay} if that is later: days that fall out are subtracted. */
    private void advanceTo(long epochDay) {
        if (latestDay != Long.MIN_VALUE && epochDay <= latestDay) {
            return;
        }
        if (latestDay == Long.MIN_VALUE || epochDay - latestDay >= windowDays) {
            for (int slot = 0; slot < windowDays; slot++) {
                evict(slot);
            }
        } else {
            for (long d = latestDay - windowDays + 1; d <= epochDay - windowDays; d++) {
                int slot = Math.floorMod(d, windowDays);
                if (dayOfSlot[slot] == d) {
                    evict(slot);
                }
            }
        }
        latestDay = epochDay;
    }

    private void evict(int slot) {
        if (dayOfSlot[slot] == Long.MIN_VALUE) {
            return;
        }
        long[] c = counts[slot];
        for (int b = 0; b < bins; b++) {
            sum[b] -= c[b];
            total -= c[b];
            c[b] = 0;
        }
        dayOfSlot[slot] = Long.MIN_VALUE;
    }
}
