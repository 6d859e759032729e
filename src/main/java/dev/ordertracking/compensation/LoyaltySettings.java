package dev.ordertracking.compensation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.Optional;

/** Thank-you coupons for loyal customers, under {@code tracking.loyalty.*}; off unless {@code every-nth-order} is set. */
@ConfigMapping(prefix = "tracking.loyalty")
public interface LoyaltySettings {

    /** A coupon on a customer's N-th delivered order, and every N-th after it; 0 turns it off. */
    @WithDefault("0")
    int everyNthOrder();

    @WithDefault("PERCENT")
    CouponKind kind();

    @WithDefault("10")
    BigDecimal value();

    /** Required for {@code AMOUNT}. */
    Optional<String> currency();

    @WithDefault("60")
    int validDays();
}
