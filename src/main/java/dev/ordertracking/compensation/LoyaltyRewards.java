package dev.ordertracking.compensation;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.outbox.Outbox;
import dev.ordertracking.outbox.OutboxMessage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A thank-you coupon on a customer's N-th delivered order (and every N-th after it), issued in the
 * ingest transaction that delivers the order and published like apology coupons. Only live
 * deliveries count for a reward; history never issues anything.
 */
@ApplicationScoped
public class LoyaltyRewards {

    private static final Logger LOG = Logger.getLogger(LoyaltyRewards.class);

    private final AgroalDataSource dataSource;
    private final LoyaltySettings settings;
    private final CouponCodes codes;
    private final CouponEvents events;
    private final Outbox outbox;

    public LoyaltyRewards(AgroalDataSource dataSource, LoyaltySettings settings, CompensationSettings compensation,
                          CouponEvents events, Outbox outbox) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.codes = new CouponCodes(compensation.codePrefix());
        this.events = events;
        this.outbox = outbox;
        if (settings.everyNthOrder() > 0 && settings.kind() == CouponKind.AMOUNT && settings.currency().isEmpty()) {
            throw new IllegalArgumentException("tracking.loyalty.currency is required for AMOUNT coupons");
        }
    }

    /**
     * @param liveDeliveries changes of this batch that made an order delivered with a live event
     */
    public void reward(List<JourneyChange> liveDeliveries, Instant now) throws SQLException {
        int n = settings.everyNthOrder();
        if (n <= 0 || liveDeliveries.isEmpty()) {
            return;
        }
        Map<String, Journey> byCustomer = new HashMap<>();
        liveDeliveries.forEach(c -> byCustomer.merge(c.after().customer().id(), c.after(), (a, b) -> b));
        List<OutboxMessage> published = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement(
                     "select customer_id, count(*) from order_journey where customer_id = any(?::text[]) "
                             + "and status = 'DELIVERED' group by customer_id");
             PreparedStatement insert = c.prepareStatement("""
                     insert into coupon (id, incident_id, order_id, customer_id, code, status, kind, value, currency,
                         reason, rule, expires_at, issued_at)
                     values (?, null, ?, ?, ?, 'ISSUED', ?, ?, ?, 'LOYALTY', ?, ?, ?) on conflict do nothing""")) {
            count.setArray(1, c.createArrayOf("text", byCustomer.keySet().toArray()));
            try (ResultSet rs = count.executeQuery()) {
                while (rs.next()) {
                    long delivered = rs.getLong(2);
                    Journey order = byCustomer.get(rs.getString(1));
                    if (delivered % n != 0) {
                        continue;
                    }
                    UUID id = UUID.randomUUID();
                    String code = codes.next();
                    ZoneId zone = ZoneId.of(order.customer().timeZone());
                    Instant expires = now.atZone(zone).toLocalDate().plusDays(settings.validDays())
                            .atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
                    String currency = settings.kind() == CouponKind.AMOUNT ? settings.currency().orElseThrow() : null;
                    int k = 1;
                    insert.setObject(k++, id);
                    insert.setString(k++, order.orderId());
                    insert.setString(k++, order.customer().id());
                    insert.setString(k++, code);
                    insert.setString(k++, settings.kind().name());
                    insert.setBigDecimal(k++, settings.value());
                    insert.setString(k++, currency);
                    insert.setString(k++, "loyalty: delivered order " + delivered);
                    insert.setTimestamp(k++, Timestamp.from(expires));
                    insert.setTimestamp(k, Timestamp.from(now));
                    if (insert.executeUpdate() == 1) {
                        published.add(events.issued(id, order.orderId(), order.customer().id(), code, settings.kind(),
                                settings.value(), currency, expires, "LOYALTY", null, now));
                        LOG.debugf("Loyalty coupon for customer %s on order %s", order.customer().id(), order.orderId());
                    }
                }
            }
        }
        outbox.append(published);
    }
}
