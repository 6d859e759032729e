package dev.ordertracking.compensation;

/** What a coupon takes off: a percentage of the next order or a fixed amount in a currency. */
public enum CouponKind {
    PERCENT, AMOUNT
}
