package dev.ordertracking.compensation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The compensation policy, under {@code tracking.compensation.*}: ordered rules by reason and
 * delay length, caps, and a dry-run switch. The shipped rules are in application.properties.
 */
@ConfigMapping(prefix = "tracking.compensation")
public interface CompensationSettings {

    /** Record what would be issued without issuing it: no code, nothing published, no coupon in messages. */
    @WithDefault("false")
    boolean dryRun();

    /** Coupon codes read {@code PREFIX-XXXX-XXXX-XXXX}. */
    @WithDefault("SORRY")
    String codePrefix();

    /** Coupons per order, over all its incidents. */
    @WithDefault("1")
    int maxPerOrder();

    /** Coupons per customer in a calendar month (UTC). */
    @WithDefault("3")
    int maxPerCustomerPerMonth();

    List<Rule> rules();

    /**
     * A rule applies to an incident whose reason is listed and whose delay is at least
     * {@code min-days}; of the rules that apply, the one with the highest {@code min-days} wins
     * (on a tie, the later one).
     */
    interface Rule {

        /** A name for the support view and the stats. */
        String name();

        /** Incident reasons (see IncidentReason), or {@code *} for all. */
        @WithDefault("*")
        List<String> reasons();

        /** Days past the promised date, actual or predicted. */
        @WithDefault("0")
        int minDays();

        /** Whether the customer is told (with the new date); false keeps it to support. */
        @WithDefault("true")
        boolean apology();

        Optional<CouponSpec> coupon();
    }

    interface CouponSpec {

        CouponKind kind();

        /** Percent off, or the amount in {@link #currency()}. */
        BigDecimal value();

        /** Required for {@code AMOUNT}. */
        Optional<String> currency();

        /** Days the coupon can be used, counted from the day it is issued in the customer's time zone. */
        @WithDefault("30")
        int validDays();
    }
}
