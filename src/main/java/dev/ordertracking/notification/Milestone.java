package dev.ordertracking.notification;

/** The points of an order's journey at which the customer hears from us. */
public enum Milestone {
    ORDER_CONFIRMED,
    /** With carrier, tracking number and a link to our own tracking page. */
    SHIPPED,
    OUT_FOR_DELIVERY,
    AVAILABLE_FOR_PICKUP,
    /** A delivery attempt failed: tells the customer what happens next and what they can do. */
    ATTEMPT_FAILED,
    DELIVERED,
    CANCELLED,
    /**
     * The order will arrive later than promised (predicted, carrier trouble, promise broken, not
     * shipped in time): what happened, the exact new date, and the coupon when the policy gives one.
     * A further slip of the same incident sends it again as an update.
     */
    DELAY_NOTICE,
    /** Delivered after the promised date with no earlier word from us: sorry, and the coupon. */
    LATE_DELIVERY,
    /** Lost, damaged, wrong or missing item: what happened, what happens next, and the coupon. */
    PARCEL_PROBLEM,
    /** A while after delivery: how was it? A link to rate the order on its tracking page. Once per order. */
    FEEDBACK_REQUEST;

    /** Messages about an incident (one per incident and revision) rather than about a step of the journey. */
    public boolean aboutIncident() {
        return this == DELAY_NOTICE || this == LATE_DELIVERY || this == PARCEL_PROBLEM;
    }
}
