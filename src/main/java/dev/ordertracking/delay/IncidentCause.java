package dev.ordertracking.delay;

/**
 * What an incident is about. An order has at most one open incident per cause, so signals about
 * the same slip (an exception that also moves the estimate past the promise) meet in one incident.
 */
public enum IncidentCause {
    /** The parcel will be, or was, later than promised. */
    DELAY,
    /** No carrier news for too long: an internal alert for support. */
    STALLED,
    LOST,
    DAMAGED,
    WRONG_ITEM,
    MISSING_ITEM,
    /** Anything else support records. */
    OTHER;

    /** Causes the customer hears about (when the policy says so); the others are for support only. */
    public boolean customerFacing() {
        return this != STALLED;
    }
}
