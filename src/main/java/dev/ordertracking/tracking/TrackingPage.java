package dev.ordertracking.tracking;

import java.util.List;

/**
 * What the customer's tracking page shows, already in the customer's language (dates formatted,
 * labels chosen); the template only lays it out.
 *
 * @param step     how far along the progress bar is: 0 placed ... 4 delivered; -1 cancelled
 * @param estimate the date we now expect delivery, or null when we do not know it
 * @param forecast the days our delivery forecast expects it ("Tue, Nov 24 – Thu, Nov 26"), shown while the
 *                 order is on time and the carrier gives no estimate; null otherwise
 * @param late     how late an open order past its promise is, or null when it is not
 * @param apology  the delay we told the customer about, or null
 * @param olderPath where the timeline's older entries are, or null when none are
 * @param newestPath where the timeline's newest entries are, when the page shows older ones
 * @param rating   the rating the customer gave, or null
 * @param preferencesPath where the customer chooses their messages (a signed link, no login)
 */
public record TrackingPage(String lang, String dir, String token, String orderId, String firstName, int step,
                           String deliveredOn, String promised, String estimate, String forecast, Lateness late,
                           Apology apology,
                           List<Parcel> parcels, List<Entry> timeline, String olderPath, String newestPath,
                           List<Language> languages, Integer rating, String preferencesPath) {

    /** A delivered order not rated yet: the page asks for a rating. */
    public boolean canRate() {
        return step == 4 && rating == null;
    }

    /** The choices of the rating form, 1 to 5. */
    public List<Integer> ratings() {
        return List.of(1, 2, 3, 4, 5);
    }

    public boolean cancelled() {
        return step < 0;
    }

    /**
     * The apology: what happened, the new date, and the coupon with what it is worth and until when.
     * {@code expected}: the new date is our forecast's "at the latest" date, not the carrier's.
     */
    public record Apology(String whatHappened, String newDate, String couponCode, String couponValue,
                          String couponUntil, boolean expected) {
    }

    /** An open order past its promise: the promised day, and the first day it was late. */
    public record Lateness(String promised, String since) {
    }

    /** A parcel; the carrier's own page is a secondary link. */
    public record Parcel(String carrier, String trackingNumber, String carrierUrl, String status) {
    }

    public record Entry(String when, String what) {
    }

    /** A language the page can be read in; {@code current} for the one shown. */
    public record Language(String tag, String name, boolean current) {
    }
}
