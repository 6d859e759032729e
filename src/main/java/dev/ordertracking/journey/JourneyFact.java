package dev.ordertracking.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The business content of a contract event, free of any transport. */
public sealed interface JourneyFact {

    String orderId();

    record OrderPlaced(String orderId, Instant placedAt, LocalDate promisedDeliveryDate, CustomerData customer,
                       List<OrderItem> items, String currency, BigDecimal total, Address shippingAddress)
            implements JourneyFact {
    }

    /** Customer as sent; locale and time zone may be absent and are defaulted by the fold. */
    record CustomerData(String id, String firstName, String lastName, String email, String phone,
                        String locale, String timeZone) {
    }

    record OrderConfirmed(String orderId, Instant confirmedAt) implements JourneyFact {
    }

    record OrderCancelled(String orderId, Instant cancelledAt, String reason) implements JourneyFact {
    }

    record ShipmentCreated(String orderId, String shipmentId, String carrier, String trackingNumber,
                           String carrierTrackingUrl, LocalDate estimatedDeliveryDate, Instant shippedAt,
                           List<String> skus) implements JourneyFact {
    }

    record ShipmentStatusChanged(String orderId, String shipmentId, ShipmentStatus status, DelayReason reason,
                                 String description, String location, LocalDate estimatedDeliveryDate,
                                 Instant occurredAt) implements JourneyFact {
    }
}
