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
    CANCELLED
}
