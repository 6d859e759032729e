package dev.ordertracking.journey;


/**
 * Why an incident was opened, in the words the policy, the stats and the messages use: the
 * carrier's reasons, the service's own findings, and what support reports.
 */
public enum IncidentReason {
    // The carrier's reasons (EXCEPTION, ATTEMPT_FAILED, RETURNED_TO_SENDER)
    WEATHER, CARRIER_DELAY, CUSTOMS, ADDRESS_ISSUE, RECIPIENT_UNAVAILABLE, LOST, DAMAGED, OTHER,
    /** The carrier's estimate is later than the promised date. */
    ESTIMATE_PAST_PROMISE,
    /**
     * Our own delivery forecast, learned from the shop's delivered history, makes missing the promise
     * likely enough to tell the customer (the carrier gave no estimate).
     */
    FORECAST_PAST_PROMISE,
    /** Not delivered by the end of the promised date in the customer's time zone. */
    PROMISE_BROKEN,
    /** Not handed to a carrier within the dispatch window after confirmation. */
    NOT_SHIPPED,
    /** No carrier update for a while although the parcel is on its way (support only). */
    STALLED,
    /** Delivered after the promised date without any earlier sign. */
    DELIVERED_LATE,
    // Reported by support
    WRONG_ITEM, MISSING_ITEM;

    public static IncidentReason of(DelayReason carrierReason) {
        return carrierReason == null ? OTHER : valueOf(carrierReason.name());
    }
}
