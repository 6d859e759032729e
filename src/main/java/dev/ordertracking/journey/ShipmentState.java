package dev.ordertracking.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public record ShipmentState(String shipmentId, String carrier, String trackingNumber, String carrierTrackingUrl,
                            ShipmentStatus status, DelayReason reason, String description, String location,
                            LocalDate estimatedDeliveryDate, Instant shippedAt, Instant deliveredAt,
                            Instant lastUpdateAt, List<String> skus) {
}
