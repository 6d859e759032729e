package dev.ordertracking.journey;

/** Carrier reasons of the contract for EXCEPTION, ATTEMPT_FAILED and RETURNED_TO_SENDER. */
public enum DelayReason {
    WEATHER, CARRIER_DELAY, CUSTOMS, ADDRESS_ISSUE, RECIPIENT_UNAVAILABLE, LOST, DAMAGED, OTHER
}
