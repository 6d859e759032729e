package dev.ordertracking.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One order of a test shop, published through the real broker with event times from the
 * service's clock (so they are live unless a test says otherwise).
 */
public final class Shop {

    private final String orderId;
    private final String locale;
    private final String timeZone;
    private final String phone;
    private final String email;
    private final Clock clock;
    private String customerId;

    private Shop(String orderId, String locale, String timeZone, String phone, String email, Clock clock) {
        this.orderId = orderId;
        this.locale = locale;
        this.timeZone = timeZone;
        this.phone = phone;
        this.email = email;
        this.clock = clock;
    }

    /** A new order of a customer with this locale and time zone, a unique phone number and address. */
    public static Shop order(String prefix, String locale, String timeZone, Clock clock) {
        String orderId = ContractEvents.uniqueOrderId(prefix);
        String digits = String.format("%09d", Math.floorMod(orderId.hashCode(), 1_000_000_000));
        return new Shop(orderId, locale, timeZone, "+1555" + digits.substring(0, 7),
                orderId.toLowerCase() + "@customer.example", clock);
    }

    public Shop withPhone(String newPhone) {
        return new Shop(orderId, locale, timeZone, newPhone, email, clock);
    }

    public Shop withoutPhone() {
        return new Shop(orderId, locale, timeZone, null, email, clock);
    }

    public String orderId() {
        return orderId;
    }

    public String phone() {
        return phone;
    }

    public String email() {
        return email;
    }

    public String customerId() {
        return customerId != null ? customerId : "C-" + orderId;
    }

    /** The order of a given customer (by default each order has a customer of its own). */
    public Shop forCustomer(String id) {
        Shop order = new Shop(orderId, locale, timeZone, phone, email, clock);
        order.customerId = id;
        return order;
    }

    /** The promised delivery date {@link #placed()} sends: four days after the day it is placed (UTC). */
    public LocalDate promised() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(4);
    }

    public Shop placed() {
        return placed(promised());
    }

    public Shop placed(LocalDate promised) {
        Instant now = clock.instant();
        ObjectNode event = ContractEvents.placed(orderId, now, promised);
        ObjectNode customer = (ObjectNode) event.get("data").get("customer");
        customer.put("id", customerId()).put("firstName", "Ana").put("locale", locale).put("timeZone", timeZone)
                .put("email", email);
        if (phone == null) {
            customer.remove("phone");
        } else {
            customer.put("phone", phone);
        }
        LocalKafka.send(event);
        return this;
    }

    public Shop confirmed() {
        LocalKafka.send(ContractEvents.confirmed(orderId, clock.instant()));
        return this;
    }

    public Shop cancelled() {
        LocalKafka.send(ContractEvents.cancelled(orderId, clock.instant()));
        return this;
    }

    public Shop shipped(String shipmentId) {
        Instant now = clock.instant();
        LocalKafka.send(ContractEvents.shipped(orderId, shipmentId, now, LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(3)));
        return this;
    }

    public Shop status(String shipmentId, String status) {
        LocalKafka.send(event(shipmentId, status));
        return this;
    }

    /** A carrier update with a reason and/or a new estimate (either may be null). */
    public Shop status(String shipmentId, String status, String reason, LocalDate estimate) {
        ObjectNode event = event(shipmentId, status);
        ObjectNode data = (ObjectNode) event.get("data");
        if (reason != null) {
            data.put("reason", reason).put("description", "held: " + reason);
        }
        if (estimate != null) {
            data.put("estimatedDeliveryDate", estimate.toString());
        }
        LocalKafka.send(event);
        return this;
    }

    /** A status event, to send later or twice. */
    public ObjectNode event(String shipmentId, String status) {
        return ContractEvents.status(orderId, shipmentId, status, clock.instant());
    }
}
