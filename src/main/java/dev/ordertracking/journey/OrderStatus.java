package dev.ordertracking.journey;

/** Where an order stands, derived from all of its events. */
public enum OrderStatus {
    PLACED, CONFIRMED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP,
    DELIVERED, EXCEPTION, RETURNED_TO_SENDER, CANCELLED
}
