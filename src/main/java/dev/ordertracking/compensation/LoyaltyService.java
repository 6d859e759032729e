package dev.ordertracking.compensation;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.outbox.Outbox;
import dev.ordertracking.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A thank-you coupon on a customer's N-th delivered order (and every N-th after it), issued in the
 * ingest transaction that delivers the order and published like apology coupons. Only live
 * deliveries count for a reward; history never issues anything.
 */
@ApplicationScoped
public class LoyaltyService {

    private static final Logger LOG = Logger.getLogger(LoyaltyService.class);

    private final LoyaltyStore store;
    private final CouponStore coupons;
    private final LoyaltySettings settings;
    private final CouponEvents events;
    private final Outbox outbox;

    public LoyaltyService(LoyaltyStore store, CouponStore coupons, LoyaltySettings settings, CouponEvents events,
                          Outbox outbox) {
        this.store = store;
        this.coupons = coupons;
        this.settings = settings;
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
        for (Map.Entry<String, Long> customer : store.deliveredOrders(byCustomer.keySet()).entrySet()) {
            long delivered = customer.getValue();
            Journey order = byCustomer.get(customer.getKey());
            if (delivered % n != 0) {
                continue;
            }
            ZoneId zone = ZoneId.of(order.customer().timeZone());
            Instant expires = now.atZone(zone).toLocalDate().plusDays(settings.validDays())
                    .atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
            String currency = settings.kind() == CouponKind.AMOUNT ? settings.currency().orElseThrow() : null;
            coupons.issueThankYou(new CouponStore.NewCoupon(null, order.orderId(), order.customer().id(), false,
                    settings.kind(), settings.value(), currency, "LOYALTY", "loyalty: delivered order " + delivered,
                    expires, now)).ifPresent(coupon -> {
                published.add(events.issued(coupon.id(), order.orderId(), order.customer().id(), coupon.code(),
                        settings.kind(), settings.value(), currency, expires, "LOYALTY", null, now));
                LOG.debugf("Loyalty coupon for customer %s on order %s", order.customer().id(), order.orderId());
            });
        }
        outbox.append(published);
    }
}
