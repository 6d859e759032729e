package dev.ordertracking.journey;

/** Delivery compared with the promised date, by calendar day in the customer's time zone. */
public enum DeliveryTiming {
    EARLY, ON_TIME, LATE;

    public boolean onTime() {
        return this != LATE;
    }
}
