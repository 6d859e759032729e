package dev.ordertracking.compensation;

import dev.ordertracking.compensation.CompensationPolicy.Decision;
import dev.ordertracking.compensation.CompensationPolicy.Offer;
import dev.ordertracking.compensation.CompensationPolicy.Rule;
import dev.ordertracking.journey.IncidentReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompensationPolicyTest {

    static final Offer TEN = new Offer(CouponKind.PERCENT, BigDecimal.TEN, null, 30);
    static final Offer FIFTEEN = new Offer(CouponKind.PERCENT, new BigDecimal("15"), null, 30);
    static final Offer FIVE_EUROS = new Offer(CouponKind.AMOUNT, new BigDecimal("5.00"), "EUR", 60);

    /** The shape of the shipped policy: a ladder for every reason, and overrides by reason. */
    static CompensationPolicy shipped() {
        return new CompensationPolicy(List.of(
                new Rule("late-1-day", Set.of(), 1, true, TEN),
                new Rule("late-3-days", Set.of(), 3, true, FIFTEEN),
                new Rule("parcel-problem", EnumSet.of(IncidentReason.LOST, IncidentReason.DAMAGED), 0, true, FIVE_EUROS),
                new Rule("customer-side", EnumSet.of(IncidentReason.RECIPIENT_UNAVAILABLE), 0, false, null)),
                false, 1, 3);
    }

    @Test
    void theLongerTheDelayTheHigherTheRung() {
        CompensationPolicy policy = shipped();
        assertEquals(new Decision("late-1-day", true, TEN), policy.decide(IncidentReason.WEATHER, 1));
        assertEquals(new Decision("late-1-day", true, TEN), policy.decide(IncidentReason.PROMISE_BROKEN, 2));
        assertEquals(new Decision("late-3-days", true, FIFTEEN), policy.decide(IncidentReason.CUSTOMS, 3));
        assertEquals(new Decision("late-3-days", true, FIFTEEN), policy.decide(IncidentReason.CUSTOMS, 40));
    }

    @Test
    void noDelayNoRule() {
        Decision none = shipped().decide(IncidentReason.WEATHER, 0);
        assertFalse(none.apology());
        assertNull(none.offer());
    }

    @Test
    void aRuleNamingTheReasonBeatsTheLadder() {
        CompensationPolicy policy = shipped();
        assertEquals("parcel-problem", policy.decide(IncidentReason.LOST, 0).rule());
        assertEquals("parcel-problem", policy.decide(IncidentReason.DAMAGED, 9).rule());
        Decision customerSide = policy.decide(IncidentReason.RECIPIENT_UNAVAILABLE, 5);
        assertEquals("customer-side", customerSide.rule());
        assertFalse(customerSide.apology());
    }

    @Test
    void onATieTheLaterRuleWins() {
        CompensationPolicy policy = new CompensationPolicy(List.of(new Rule("first", Set.of(), 1, true, TEN),
                new Rule("second", Set.of(), 1, true, FIFTEEN)), false, 1, 3);
        assertEquals("second", policy.decide(IncidentReason.WEATHER, 2).rule());
        assertTrue(policy.decide(IncidentReason.WEATHER, 2).apology());
    }
}
