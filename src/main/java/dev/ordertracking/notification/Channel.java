package dev.ordertracking.notification;

/** How a message reaches the customer. */
public enum Channel {
    SMS,
    EMAIL
}
