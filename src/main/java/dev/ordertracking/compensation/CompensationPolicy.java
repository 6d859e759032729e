package dev.ordertracking.compensation;

import dev.ordertracking.journey.IncidentReason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides how to make amends for an incident from its reason and delay. Rules that name the
 * reason beat rules for every reason; among those, the highest {@code minDays} reached wins, and
 * on a tie the later rule. No applicable rule means no apology and no coupon.
 */
public final class CompensationPolicy {

    /** One rule, already checked. {@code reasons} empty means every reason. */
    public record Rule(String name, Set<IncidentReason> reasons, int minDays, boolean apology, Offer offer) {

        boolean appliesTo(IncidentReason reason, int delayDays) {
            return (reasons.isEmpty() || reasons.contains(reason)) && delayDays >= minDays;
        }
    }

    /** A coupon a rule gives. */
    public record Offer(CouponKind kind, BigDecimal value, String currency, int validDays) {
    }

    /** What the policy says for one incident; {@code offer} null when it gives no coupon. */
    public record Decision(String rule, boolean apology, Offer offer) {

        static final Decision NONE = new Decision("no rule applies", false, null);
    }

    private final List<Rule> rules;
    private final boolean dryRun;
    private final int maxPerOrder;
    private final int maxPerCustomerPerMonth;

    public CompensationPolicy(List<Rule> rules, boolean dryRun, int maxPerOrder, int maxPerCustomerPerMonth) {
        this.rules = List.copyOf(rules);
        this.dryRun = dryRun;
        this.maxPerOrder = maxPerOrder;
        this.maxPerCustomerPerMonth = maxPerCustomerPerMonth;
    }

    /** The configured policy; a rule that cannot work stops the start, naming its key. */
    public static CompensationPolicy of(CompensationSettings settings) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < settings.rules().size(); i++) {
            CompensationSettings.Rule r = settings.rules().get(i);
            String key = "tracking.compensation.rules[" + i + "]";
            Set<IncidentReason> reasons = EnumSet.noneOf(IncidentReason.class);
            for (String reason : r.reasons()) {
                String name = reason.trim().toUpperCase(Locale.ROOT);
                if (name.equals("*")) {
                    reasons.clear();
                    break;
                }
                try {
                    reasons.add(IncidentReason.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".reasons: '" + reason.trim() + "' is not one of "
                            + List.of(IncidentReason.values()) + " or *");
                }
            }
            if (r.minDays() < 0) {
                throw new IllegalArgumentException(key + ".min-days must not be negative");
            }
            Offer offer = r.coupon().map(c -> offer(key + ".coupon", c)).orElse(null);
            rules.add(new Rule(r.name(), reasons, r.minDays(), r.apology(), offer));
        }
        return new CompensationPolicy(rules, settings.dryRun(), settings.maxPerOrder(),
                settings.maxPerCustomerPerMonth());
    }

    private static Offer offer(String key, CompensationSettings.CouponSpec c) {
        if (c.value().signum() <= 0) {
            throw new IllegalArgumentException(key + ".value must be more than 0");
        }
        if (c.kind() == CouponKind.PERCENT && c.value().compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException(key + ".value is a percentage and must be at most 100");
        }
        if (c.kind() == CouponKind.AMOUNT && c.currency().isEmpty()) {
            throw new IllegalArgumentException(key + ".currency is required for AMOUNT coupons");
        }
        if (c.validDays() < 1) {
            throw new IllegalArgumentException(key + ".valid-days must be at least 1");
        }
        return new Offer(c.kind(), c.value(), c.kind() == CouponKind.AMOUNT ? c.currency().get() : null, c.validDays());
    }

    public Decision decide(IncidentReason reason, int delayDays) {
        Optional<Rule> best = java.util.stream.IntStream.range(0, rules.size()).boxed()
                .filter(i -> rules.get(i).appliesTo(reason, delayDays))
                .max(Comparator.<Integer>comparingInt(i -> rules.get(i).reasons().isEmpty() ? 0 : 1)
                        .thenComparingInt(i -> rules.get(i).minDays())
                        .thenComparingInt(i -> i))
                .map(rules::get);
        return best.map(r -> new Decision(r.name(), r.apology(), r.offer())).orElse(Decision.NONE);
    }

    public boolean dryRun() {
        return dryRun;
    }

    public int maxPerOrder() {
        return maxPerOrder;
    }

    public int maxPerCustomerPerMonth() {
        return maxPerCustomerPerMonth;
    }
}
