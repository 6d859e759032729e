package dev.ordertracking.replay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One row of the Olist orders file joined with its customer and item rows. Timestamps are the
 * source's wall-clock times in America/Sao_Paulo; a missing one is null.
 */
public record OlistOrder(
        String orderId,
        String customerId,
        String customerUniqueId,
        String status,
        LocalDateTime purchase,
        LocalDateTime approved,
        LocalDateTime carrier,
        LocalDateTime delivered,
        LocalDate estimatedDeliveryDate,
        String city,
        String state,
        String zipPrefix,
        List<Item> items) {

    public OlistOrder {
        items = List.copyOf(items);
    }

    /** One row of the items file: Olist repeats a product once per unit, so each row is quantity 1. */
    public record Item(String productId, BigDecimal price, BigDecimal freight) {
    }
}
