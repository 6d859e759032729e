package dev.ordertracking.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What support sees of incidents, coupons and delays. */
public final class IncidentViews {

    private IncidentViews() {
    }

    /**
     * @param messagesPlanned how many messages the customer was sent about it (first notice and updates)
     * @param compensation    what the compensation policy decided last, in words
     */
    public record IncidentView(UUID id, String orderId, String customerId, String cause, String reason,
                               String latestReason, String status, String note, boolean live,
                               LocalDate promisedDate, LocalDate newDate, LocalDate toldDate, int delayDays,
                               int messagesPlanned, Instant signalAt, Instant openedAt, Instant closedAt,
                               String closeReason, String compensation, List<SignalView> signals) {
    }

    public record SignalView(String kind, String reason, String detail, String eventId, LocalDate newDate,
                             Instant signalAt, Instant detectedAt) {
    }

    /** A coupon; {@code code} is null for a dry run (recorded, not issued). */
    public record CouponView(UUID id, UUID incidentId, String code, String status, String kind, BigDecimal value,
                             String currency, String reason, String rule, Instant expiresAt, Instant issuedAt) {
    }

    /**
     * @param proactiveNoticeRate share of late deliveries whose customer was told before the promised date passed
     * @param detectionLagSeconds from a sign becoming knowable (event time, deadline) to its incident
     */
    public record DelayStats(Map<String, ReasonCount> incidentsByReason, CouponTotals coupons,
                             long lateDeliveries, long toldBeforeDeadline, Double proactiveNoticeRate,
                             long earlyDeliveries, Lag detectionLagSeconds) {
    }

    public record ReasonCount(long total, long open) {
    }

    /**
     * Face value: amounts summed per currency; percent coupons counted, averaged, and valued on the
     * order each was given for (percent x that order's total, per the order's currency).
     */
    public record CouponTotals(long issued, long dryRun, long percentCoupons, Double averagePercent,
                               Map<String, BigDecimal> amountByCurrency, Map<String, BigDecimal> percentValueByCurrency) {
    }

    public record Lag(Double p50, Double p99, long incidents) {
    }
}
