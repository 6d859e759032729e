package dev.ordertracking.support;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Read model of a journey for support; written only by ingestion. */
@Entity
@Immutable
@Table(name = "order_journey")
public class OrderJourneyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;
    public String status;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "customer_first_name")
    public String customerFirstName;
    @Column(name = "customer_last_name")
    public String customerLastName;
    @Column(name = "customer_email")
    public String customerEmail;
    @Column(name = "customer_phone")
    public String customerPhone;
    @Column(name = "customer_locale")
    public String customerLocale;
    @Column(name = "customer_time_zone")
    public String customerTimeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    public String items;
    public String currency;
    public BigDecimal total;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "shipping_address")
    public String shippingAddress;
    @Column(name = "placed_at")
    public Instant placedAt;
    @Column(name = "confirmed_at")
    public Instant confirmedAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "cancel_reason")
    public String cancelReason;
    @Column(name = "promised_delivery_date")
    public LocalDate promisedDeliveryDate;
    @Column(name = "promise_deadline")
    public Instant promiseDeadline;
    @Column(name = "estimated_delivery_date")
    public LocalDate estimatedDeliveryDate;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "on_time")
    public Boolean onTime;
    @Column(name = "delivery_timing")
    public String deliveryTiming;
    @Column(name = "order_to_delivery_hours")
    public Double orderToDeliveryHours;
    @JdbcTypeCode(SqlTypes.JSON)
    public String anomalies;
    @Column(name = "event_count")
    public int eventCount;
    @Column(name = "last_event_at")
    public Instant lastEventAt;
    @Column(name = "last_carrier_update_at")
    public Instant lastCarrierUpdateAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "tracking_token")
    public String trackingToken;
}
