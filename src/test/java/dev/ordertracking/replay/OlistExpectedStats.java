package dev.ordertracking.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivery figures computed straight from the orders CSV, independent of the event mapping, so that
 * what the service reports after a replay can be checked against them.
 *
 * @param onTime delivered on or before the estimated date (includes {@code early})
 * @param p50    order-to-delivery hours, PostgreSQL {@code percentile_cont} semantics (also p90, p99)
 */
public record OlistExpectedStats(long delivered, long onTime, long late, long early, double p50, double p90,
                                 double p99) {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> CANCELLED = Set.of("canceled", "unavailable");

    public static OlistExpectedStats compute(Path olistDir) throws IOException {
        long delivered = 0;
        long onTime = 0;
        long late = 0;
        long early = 0;
        List<Double> hours = new ArrayList<>();
        for (Map<String, String> row : OlistDataset.readCsv(olistDir.resolve(OlistDataset.ORDERS_FILE))) {
            String deliveredAt = row.get("order_delivered_customer_date");
            if (deliveredAt.isBlank() || CANCELLED.contains(row.get("order_status"))) {
                continue;
            }
            LocalDateTime deliveredTime = LocalDateTime.parse(deliveredAt, TIMESTAMP);
            LocalDateTime purchase = LocalDateTime.parse(row.get("order_purchase_timestamp"), TIMESTAMP);
            LocalDate estimated = LocalDateTime.parse(row.get("order_estimated_delivery_date"), TIMESTAMP).toLocalDate();
            LocalDate deliveredDate = deliveredTime.toLocalDate();
            delivered++;
            if (deliveredDate.isAfter(estimated)) {
                late++;
            } else {
                onTime++;
                if (deliveredDate.isBefore(estimated)) {
                    early++;
                }
            }
            Duration toDelivery = Duration.between(purchase.atZone(SAO_PAULO).toInstant(),
                    deliveredTime.atZone(SAO_PAULO).toInstant());
            hours.add(toDelivery.getSeconds() / 3600.0);
        }
        double[] sorted = hours.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new OlistExpectedStats(delivered, onTime, late, early,
                percentileCont(sorted, 0.5), percentileCont(sorted, 0.9), percentileCont(sorted, 0.99));
    }

    /** PostgreSQL percentile_cont: position p * (n - 1) in the ascending values, linear between neighbours. */
    public static double percentileCont(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
