package dev.ordertracking.journey;

/** Something in an order's events that does not make sense; kept and shown, never dropped. */
public record Anomaly(String code, String message, String eventId) {

    public static final String SHIPPED_BEFORE_PLACED = "SHIPPED_BEFORE_PLACED";
    public static final String CONFIRMED_AFTER_SHIPPED = "CONFIRMED_AFTER_SHIPPED";
    public static final String DELIVERED_BEFORE_SHIPPED = "DELIVERED_BEFORE_SHIPPED";
    public static final String DELIVERED_BEFORE_PLACED = "DELIVERED_BEFORE_PLACED";
    public static final String DELIVERED_THEN_CANCELLED = "DELIVERED_THEN_CANCELLED";
    public static final String EVENT_AFTER_CANCELLATION = "EVENT_AFTER_CANCELLATION";
    public static final String STATUS_AFTER_TERMINAL = "STATUS_AFTER_TERMINAL";
    public static final String UNKNOWN_SHIPMENT = "UNKNOWN_SHIPMENT";
    public static final String ORDER_PLACED_AGAIN = "ORDER_PLACED_AGAIN";
    public static final String SHIPMENT_CREATED_AGAIN = "SHIPMENT_CREATED_AGAIN";
}
