package dev.ordertracking.notification;

import java.time.Instant;
import java.util.UUID;

/** A stored message as a provider status update needs it. */
public record StoredNotification(UUID id, String orderId, String customerId, Milestone milestone, Channel channel,
                                 String shipmentId, NotificationStatus status, String providerId, String recipient,
                                 int attempts, Instant causeReceivedAt, Instant acceptedAt, UUID fallbackOf,
                                 UUID incidentId, Integer incidentRevision) {
}
