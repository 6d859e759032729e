package dev.ordertracking.ingest;

import java.util.Set;

/** The contract's event types (events-v1). */
public final class EventTypes {
    public static final String ORDER_PLACED = "order.placed";
    public static final String ORDER_CONFIRMED = "order.confirmed";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String SHIPMENT_CREATED = "shipment.created";
    public static final String SHIPMENT_STATUS_CHANGED = "shipment.status_changed";

    public static final Set<String> ACCEPTED = Set.of(ORDER_PLACED, ORDER_CONFIRMED, ORDER_CANCELLED,
            SHIPMENT_CREATED, SHIPMENT_STATUS_CHANGED);

    private EventTypes() {
    }
}
