package dev.ordertracking.compensation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.outbox.CloudEventMessages;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** {@code coupon.issued} on {@code customer-compensation.v1}: the shop registers the code at checkout. */
@ApplicationScoped
public class CouponEvents {

    public static final String COUPON_ISSUED = "coupon.issued";

    private final CloudEventMessages events;
    private final TrackingSettings config;

    public CouponEvents(CloudEventMessages events, TrackingSettings config) {
        this.events = events;
        this.config = config;
    }

    public OutboxMessage issued(UUID couponId, String orderId, String customerId, String code, CouponKind kind,
                                BigDecimal value, String currency, Instant expiresAt, String reason, UUID incidentId,
                                Instant issuedAt) {
        ObjectNode data = events.data()
                .put("orderId", orderId)
                .put("customerId", customerId)
                .put("code", code)
                .put("kind", kind.name())
                .put("value", value.stripTrailingZeros().toPlainString())
                .put("currency", currency)
                .put("expiresAt", expiresAt.toString())
                .put("reason", reason)
                .put("incidentId", incidentId == null ? null : incidentId.toString());
        return events.message(config.topics().customerCompensation(), couponId.toString(), COUPON_ISSUED, orderId,
                issuedAt, data);
    }
}
