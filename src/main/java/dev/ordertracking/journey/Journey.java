package dev.ordertracking.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An order's journey: everything derived from its events, as of the events seen so far. */
public record Journey(
        String orderId,
        OrderStatus status,
        Customer customer,
        List<OrderItem> items,
        String currency,
        BigDecimal total,
        Address shippingAddress,
        Instant placedAt,
        Instant confirmedAt,
        Instant cancelledAt,
        String cancelReason,
        LocalDate promisedDeliveryDate,
        Instant promiseDeadline,
        LocalDate estimatedDeliveryDate,
        Instant deliveredAt,
        DeliveryTiming deliveryTiming,
        Double orderToDeliveryHours,
        List<ShipmentState> shipments,
        List<Anomaly> anomalies,
        int eventCount,
        Instant lastEventAt,
        Instant lastCarrierUpdateAt) {

    /** True/false once delivered; null while open and for cancelled orders (never "late"). */
    public Boolean onTime() {
        return deliveryTiming == null ? null : deliveryTiming.onTime();
    }

    public boolean isDelivered() {
        return status == OrderStatus.DELIVERED;
    }
}
