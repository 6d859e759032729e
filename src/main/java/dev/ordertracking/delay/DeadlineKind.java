package dev.ordertracking.delay;

/** The durable deadlines an open order has. */
public enum DeadlineKind {
    /** End of the promised day in the customer's time zone. */
    PROMISE,
    /** Confirmation plus the dispatch window, while nothing has shipped. */
    DISPATCH,
    /** Last carrier news plus the stall window, while a parcel is on its way. */
    STALL,
    /**
     * The delivery forecast's warning moment: from then on, if still undelivered, the order misses its
     * promise with at least the warning threshold's probability. Set by the forecast, not by {@link Deadlines}.
     */
    FORECAST
}
