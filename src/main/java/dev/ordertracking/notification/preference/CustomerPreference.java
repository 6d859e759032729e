package dev.ordertracking.notification.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Which channels a customer wants order messages on. */
@Entity
@Table(name = "customer_preference")
public class CustomerPreference extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "sms_enabled")
    public boolean smsEnabled = true;
    @Column(name = "email_enabled")
    public boolean emailEnabled = true;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
