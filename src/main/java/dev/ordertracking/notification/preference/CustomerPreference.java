package dev.ordertracking.notification.preference;

import java.time.Instant;

/** Which channels a customer wants order messages on, as last changed; without a row both are on. */
public record CustomerPreference(String customerId, boolean smsEnabled, boolean emailEnabled, Instant updatedAt) {
}
