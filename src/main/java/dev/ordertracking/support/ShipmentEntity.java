package dev.ordertracking.support;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

@Entity
@Immutable
@Table(name = "shipment")
@IdClass(ShipmentEntity.Key.class)
public class ShipmentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;
    @Id
    @Column(name = "shipment_id")
    public String shipmentId;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "carrier_tracking_url")
    public String carrierTrackingUrl;
    public String status;
    public String reason;
    public String description;
    public String location;
    @Column(name = "estimated_delivery_date")
    public LocalDate estimatedDeliveryDate;
    @Column(name = "shipped_at")
    public Instant shippedAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "last_update_at")
    public Instant lastUpdateAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String skus;

    /** Composite key: a shipment id is unique within its order. */
    public static class Key implements Serializable {
        public String orderId;
        public String shipmentId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(orderId, k.orderId)
                    && java.util.Objects.equals(shipmentId, k.shipmentId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(orderId, shipmentId);
        }
    }
}
