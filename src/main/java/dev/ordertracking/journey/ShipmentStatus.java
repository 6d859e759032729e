package dev.ordertracking.journey;

/**
 * A parcel's carrier status. {@code CREATED} is ours (label created and handed over); the others
 * are the contract's. Terminal statuses are never left once reached.
 */
public enum ShipmentStatus {
    CREATED(0), IN_TRANSIT(1), EXCEPTION(1), ATTEMPT_FAILED(2), OUT_FOR_DELIVERY(2),
    AVAILABLE_FOR_PICKUP(3), DELIVERED(4), RETURNED_TO_SENDER(4);

    /** Progress towards the door; ties break equal-time events deterministically. */
    final int progress;

    ShipmentStatus(int progress) {
        this.progress = progress;
    }

    public boolean isTerminal() {
        return this == DELIVERED || this == RETURNED_TO_SENDER;
    }

    /** Statuses a shop may send in {@code shipment.status_changed}. */
    public boolean isContractStatus() {
        return this != CREATED;
    }
}
