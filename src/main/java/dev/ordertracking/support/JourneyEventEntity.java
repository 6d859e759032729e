package dev.ordertracking.support;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** An event of an order's timeline, as stored on arrival. */
@Entity
@Immutable
@Table(name = "journey_event")
public class JourneyEventEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "order_id")
    public String orderId;
    public String type;
    public String source;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    public boolean live;
    @Column(name = "kafka_topic")
    public String kafkaTopic;
    @Column(name = "kafka_partition")
    public int kafkaPartition;
    @Column(name = "kafka_offset")
    public long kafkaOffset;
    @JdbcTypeCode(SqlTypes.JSON)
    public String data;
}
