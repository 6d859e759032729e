package dev.ordertracking.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The write side of journeys: the event store and the derived journey rows. Plain JDBC with
 * set-based statements because this is the ingest hot path; it joins the caller's transaction.
 */
@ApplicationScoped
public class JourneyStore {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public JourneyStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Serialises work on these orders across consumers and replicas until the transaction ends.
     * Locks are taken in one global order so two batches can never deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockOrders(Collection<String> orderIds) throws SQLException {
        if (orderIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select count(pg_advisory_xact_lock(k)) from (
                         select distinct hashtextextended(o, 0) as k from unnest(?::text[]) as o order by k
                     ) locks""")) {
            s.setArray(1, c.createArrayOf("text", new TreeSet<>(orderIds).toArray()));
            s.executeQuery().close();
        }
    }

    /**
     * Stores the events whose id is new and returns those ids: the id is the deduplication record.
     * Callers hold the lock of every order concerned, so no other transaction can store the same
     * event between the look-up and the insert; the conflict clause is a second line of defence.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> insertNew(List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return Set.of();
        }
        Set<String> known = new HashSet<>();
        Set<String> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select event_id from journey_event where event_id = any(?)")) {
                s.setArray(1, c.createArrayOf("text", events.stream().map(StoredEvent::eventId).toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into journey_event (event_id, order_id, type, source, occurred_at, received_at, live,
                                               kafka_topic, kafka_partition, kafka_offset, data)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    on conflict (event_id) do nothing""")) {
                for (StoredEvent e : events) {
                    if (known.contains(e.eventId()) || !inserted.add(e.eventId())) {
                        continue;
                    }
                    s.setString(1, e.eventId());
                    s.setString(2, e.orderId());
                    s.setString(3, e.type());
                    s.setString(4, e.source());
                    s.setTimestamp(5, Timestamp.from(e.occurredAt()));
                    s.setTimestamp(6, Timestamp.from(e.receivedAt()));
                    s.setBoolean(7, e.live());
                    s.setString(8, e.originTopic());
                    s.setInt(9, e.originPartition());
                    s.setLong(10, e.originOffset());
                    s.setString(11, e.dataJson());
                    s.addBatch();
                }
                if (!inserted.isEmpty()) {
                    s.executeBatch();
                }
            }
        }
        return inserted;
    }

    /** All stored events of these orders, grouped by order. */
    public Map<String, List<StoredEvent>> loadEvents(Collection<String> orderIds) throws SQLException {
        Map<String, List<StoredEvent>> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select event_id, order_id, type, source, occurred_at, received_at, live,
                            kafka_topic, kafka_partition, kafka_offset, data::text
                     from journey_event where order_id = any(?::text[])""")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StoredEvent e = new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getBoolean(7),
                            rs.getString(8), rs.getInt(9), rs.getLong(10), rs.getString(11));
                    byOrder.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        return byOrder;
    }

    /** Whether any stored order belongs to this customer. */
    public boolean knowsCustomer(String customerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from order_journey where customer_id = ? limit 1")) {
            s.setString(1, customerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The tracking-page tokens of these orders. */
    public Map<String, String> trackingTokens(Collection<String> orderIds) throws SQLException {
        Map<String, String> tokens = new HashMap<>();
        if (orderIds.isEmpty()) {
            return tokens;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select order_id, tracking_token from order_journey where order_id = any(?::text[])")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tokens.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return tokens;
    }

    /** Writes the changed journeys (insert or replace) and those of their shipments that changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(Collection<JourneyChange> changes, Instant now) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        int shipments = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement order = c.prepareStatement(UPSERT_ORDER);
             PreparedStatement shipment = c.prepareStatement(UPSERT_SHIPMENT)) {
            for (JourneyChange change : changes) {
                Journey j = change.after();
                bindOrder(order, j, now);
                order.addBatch();
                List<ShipmentState> before = change.before().map(Journey::shipments).orElse(List.of());
                for (ShipmentState s : j.shipments()) {
                    if (!before.contains(s)) {
                        bindShipment(shipment, j.orderId(), s);
                        shipment.addBatch();
                        shipments++;
                    }
                }
            }
            order.executeBatch();
            if (shipments > 0) {
                shipment.executeBatch();
            }
        }
    }

    private void bindOrder(PreparedStatement s, Journey j, Instant now) throws SQLException {
        Customer cu = j.customer();
        int i = 1;
        s.setString(i++, j.orderId());
        s.setString(i++, j.status().name());
        s.setString(i++, cu.id());
        s.setString(i++, cu.firstName());
        s.setString(i++, cu.lastName());
        s.setString(i++, cu.email());
        s.setString(i++, cu.phone());
        s.setString(i++, cu.locale());
        s.setString(i++, cu.timeZone());
        s.setString(i++, toJson(j.items()));
        s.setString(i++, j.currency());
        s.setBigDecimal(i++, j.total());
        s.setString(i++, j.shippingAddress() == null ? null : toJson(j.shippingAddress()));
        s.setTimestamp(i++, ts(j.placedAt()));
        s.setTimestamp(i++, ts(j.confirmedAt()));
        s.setTimestamp(i++, ts(j.cancelledAt()));
        s.setString(i++, j.cancelReason());
        s.setDate(i++, date(j.promisedDeliveryDate()));
        s.setTimestamp(i++, ts(j.promiseDeadline()));
        s.setDate(i++, date(j.estimatedDeliveryDate()));
        s.setTimestamp(i++, ts(j.deliveredAt()));
        s.setObject(i++, j.onTime(), Types.BOOLEAN);
        s.setString(i++, j.deliveryTiming() == null ? null : j.deliveryTiming().name());
        s.setObject(i++, j.orderToDeliveryHours(), Types.DOUBLE);
        s.setString(i++, toJson(j.anomalies()));
        s.setInt(i++, j.eventCount());
        s.setTimestamp(i++, ts(j.lastEventAt()));
        s.setTimestamp(i++, ts(j.lastCarrierUpdateAt()));
        s.setTimestamp(i++, ts(now));
        // Used only when the row is inserted: the upsert never replaces a minted token.
        s.setString(i, TrackingTokens.mint());
    }

    private void bindShipment(PreparedStatement s, String orderId, ShipmentState sh) throws SQLException {
        int i = 1;
        s.setString(i++, orderId);
        s.setString(i++, sh.shipmentId());
        s.setString(i++, sh.carrier());
        s.setString(i++, sh.trackingNumber());
        s.setString(i++, sh.carrierTrackingUrl());
        s.setString(i++, sh.status().name());
        s.setString(i++, sh.reason() == null ? null : sh.reason().name());
        s.setString(i++, sh.description());
        s.setString(i++, sh.location());
        s.setDate(i++, date(sh.estimatedDeliveryDate()));
        s.setTimestamp(i++, ts(sh.shippedAt()));
        s.setTimestamp(i++, ts(sh.deliveredAt()));
        s.setTimestamp(i++, ts(sh.lastUpdateAt()));
        s.setString(i, toJson(sh.skus()));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static final String UPSERT_ORDER = """
            insert into order_journey (order_id, status, customer_id, customer_first_name, customer_last_name,
                customer_email, customer_phone, customer_locale, customer_time_zone, items, currency, total,
                shipping_address, placed_at, confirmed_at, cancelled_at, cancel_reason, promised_delivery_date,
                promise_deadline, estimated_delivery_date, delivered_at, on_time, delivery_timing,
                order_to_delivery_hours, anomalies, event_count, last_event_at, last_carrier_update_at, updated_at,
                tracking_token)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb,
                    ?, ?, ?, ?, ?)
            on conflict (order_id) do update set
                status = excluded.status, customer_id = excluded.customer_id,
                customer_first_name = excluded.customer_first_name, customer_last_name = excluded.customer_last_name,
                customer_email = excluded.customer_email, customer_phone = excluded.customer_phone,
                customer_locale = excluded.customer_locale, customer_time_zone = excluded.customer_time_zone,
                items = excluded.items, currency = excluded.currency, total = excluded.total,
                shipping_address = excluded.shipping_address, placed_at = excluded.placed_at,
                confirmed_at = excluded.confirmed_at, cancelled_at = excluded.cancelled_at,
                cancel_reason = excluded.cancel_reason, promised_delivery_date = excluded.promised_delivery_date,
                promise_deadline = excluded.promise_deadline, estimated_delivery_date = excluded.estimated_delivery_date,
                delivered_at = excluded.delivered_at, on_time = excluded.on_time,
                delivery_timing = excluded.delivery_timing, order_to_delivery_hours = excluded.order_to_delivery_hours,
                anomalies = excluded.anomalies, event_count = excluded.event_count,
                last_event_at = excluded.last_event_at, last_carrier_update_at = excluded.last_carrier_update_at,
                updated_at = excluded.updated_at""";

    private static final String UPSERT_SHIPMENT = """
            insert into shipment (order_id, shipment_id, carrier, tracking_number, carrier_tracking_url, status, reason,
                description, location, estimated_delivery_date, shipped_at, delivered_at, last_update_at, skus)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            on conflict (order_id, shipment_id) do update set
                carrier = excluded.carrier, tracking_number = excluded.tracking_number,
                carrier_tracking_url = excluded.carrier_tracking_url, status = excluded.status,
                reason = excluded.reason, description = excluded.description, location = excluded.location,
                estimated_delivery_date = excluded.estimated_delivery_date, shipped_at = excluded.shipped_at,
                delivered_at = excluded.delivered_at, last_update_at = excluded.last_update_at, skus = excluded.skus""";
}
