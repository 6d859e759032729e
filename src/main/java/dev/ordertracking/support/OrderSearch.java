package dev.ordertracking.support;

import dev.ordertracking.journey.OrderStatus;

import java.util.Optional;

/** Filters of {@code GET /api/orders}, already checked. */
public record OrderSearch(Optional<String> email, Optional<String> phone, Optional<String> trackingNumber,
                          Optional<OrderStatus> status, Optional<Boolean> late, int page, int size) {
}
