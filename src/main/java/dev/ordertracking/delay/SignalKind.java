package dev.ordertracking.delay;

/** Where a sign of trouble came from. */
public enum SignalKind {
    /** A carrier EXCEPTION or RETURNED_TO_SENDER with its reason. */
    CARRIER_STATUS,
    /** A failed delivery attempt: the carrier tries again, so it delays only when the retry misses the promise. */
    ATTEMPT_FAILED,
    /** The carrier's estimate moved past the promised date. */
    ESTIMATE_PAST_PROMISE,
    /** Our delivery forecast says the promise will likely be missed (its warning moment came). */
    FORECAST,
    /** The promise deadline passed before delivery. */
    PROMISE_DEADLINE,
    /** The dispatch window after confirmation passed without a shipment. */
    DISPATCH_DEADLINE,
    /** No carrier update for the stall window. */
    STALL_DEADLINE,
    /** Delivered after the promised date. */
    DELIVERED_LATE,
    /** Recorded by support. */
    SUPPORT_REPORT
}
