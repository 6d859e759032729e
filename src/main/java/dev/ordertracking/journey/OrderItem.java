package dev.ordertracking.journey;

import java.math.BigDecimal;

public record OrderItem(String sku, String name, Integer quantity, BigDecimal unitPrice) {
}
