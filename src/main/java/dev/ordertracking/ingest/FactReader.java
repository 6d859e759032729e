package dev.ordertracking.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordertracking.journey.Address;
import dev.ordertracking.journey.DelayReason;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyFact.CustomerData;
import dev.ordertracking.journey.OrderItem;
import dev.ordertracking.journey.ShipmentStatus;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static dev.ordertracking.ingest.JsonFields.date;
import static dev.ordertracking.ingest.JsonFields.enumValue;
import static dev.ordertracking.ingest.JsonFields.id;
import static dev.ordertracking.ingest.JsonFields.instant;
import static dev.ordertracking.ingest.JsonFields.kind;
import static dev.ordertracking.ingest.JsonFields.money;
import static dev.ordertracking.ingest.JsonFields.object;
import static dev.ordertracking.ingest.JsonFields.optionalText;
import static dev.ordertracking.ingest.JsonFields.requiredText;
import static dev.ordertracking.ingest.JsonFields.shorten;
import static dev.ordertracking.ingest.JsonFields.text;

/** Turns the {@code data} of a contract event into a journey fact, or says precisely why not. */
public final class FactReader {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_ITEMS = 1_000;

    public JourneyFact read(String type, JsonNode data) throws InvalidEventException {
        return switch (type) {
            case EventTypes.ORDER_PLACED -> placed(data);
            case EventTypes.ORDER_CONFIRMED -> new JourneyFact.OrderConfirmed(
                    id(data, "orderId", "data.orderId"), instant(data, "confirmedAt", "data.confirmedAt", true));
            case EventTypes.ORDER_CANCELLED -> new JourneyFact.OrderCancelled(
                    id(data, "orderId", "data.orderId"), instant(data, "cancelledAt", "data.cancelledAt", true),
                    optionalText(data, "reason", "data.reason"));
            case EventTypes.SHIPMENT_CREATED -> shipmentCreated(data);
            case EventTypes.SHIPMENT_STATUS_CHANGED -> statusChanged(data);
            default -> throw new IllegalArgumentException("not a contract type: " + type);
        };
    }

    private JourneyFact placed(JsonNode data) throws InvalidEventException {
        String orderId = id(data, "orderId", "data.orderId");
        var placedAt = instant(data, "placedAt", "data.placedAt", true);
        var promised = date(data, "promisedDeliveryDate", "data.promisedDeliveryDate", true);
        JsonNode c = object(data, "customer", "data.customer", true);
        String email = optionalText(c, "email", "data.customer.email");
        String phone = text(c, "phone", "data.customer.phone", false, 32);
        if (email == null && phone == null) {
            throw new InvalidEventException("data.customer needs an email or a phone");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidEventException("data.customer.email '" + shorten(email) + "' is not an e-mail address");
        }
        if (phone != null && !E164.matcher(phone).matches()) {
            throw new InvalidEventException("data.customer.phone '" + shorten(phone) + "' is not an E.164 number");
        }
        String locale = text(c, "locale", "data.customer.locale", false, 35);
        if (locale != null && (Locale.forLanguageTag(locale).getLanguage().isEmpty()
                || !Locale.forLanguageTag(locale).toLanguageTag().equalsIgnoreCase(locale))) {
            throw new InvalidEventException("data.customer.locale '" + shorten(locale) + "' is not a BCP 47 language tag");
        }
        String zone = text(c, "timeZone", "data.customer.timeZone", false, 64);
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            // Region ids only: "+03:00" or "UTC+3" would ignore daylight saving.
            throw new InvalidEventException("data.customer.timeZone '" + shorten(zone) + "' is not an IANA time zone");
        }
        var customer = new CustomerData(id(c, "id", "data.customer.id"), optionalText(c, "firstName", "data.customer.firstName"),
                optionalText(c, "lastName", "data.customer.lastName"), email, phone, locale, zone);
        String currency = text(data, "currency", "data.currency", false, 3);
        if (currency != null) {
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("data.currency '" + currency + "' is not an ISO 4217 code");
            }
        }
        BigDecimal total = money(data, "total", "data.total");
        return new JourneyFact.OrderPlaced(orderId, placedAt, promised, customer, items(data), currency, total,
                address(data));
    }

    private List<OrderItem> items(JsonNode data) throws InvalidEventException {
        JsonNode items = data.get("items");
        if (items == null || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw new InvalidEventException("data.items must be an array, got " + kind(items));
        }
        if (items.size() > MAX_ITEMS) {
            throw new InvalidEventException("data.items has more than " + MAX_ITEMS + " entries");
        }
        List<OrderItem> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "data.items[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new InvalidEventException(path + " must be an object");
            }
            Integer quantity = null;
            JsonNode q = item.get("quantity");
            if (q != null && !q.isNull()) {
                if (!q.isIntegralNumber() || !q.canConvertToInt() || q.intValue() < 1) {
                    throw new InvalidEventException(path + ".quantity must be a whole number of at least 1");
                }
                quantity = q.intValue();
            }
            result.add(new OrderItem(text(item, "sku", path + ".sku", false, JsonFields.MAX_ID_LENGTH),
                    optionalText(item, "name", path + ".name"), quantity, money(item, "unitPrice", path + ".unitPrice")));
        }
        return result;
    }

    private Address address(JsonNode data) throws InvalidEventException {
        JsonNode a = object(data, "shippingAddress", "data.shippingAddress", false);
        if (a == null) {
            return null;
        }
        String p = "data.shippingAddress.";
        return new Address(optionalText(a, "line1", p + "line1"), optionalText(a, "line2", p + "line2"),
                optionalText(a, "city", p + "city"), optionalText(a, "postalCode", p + "postalCode"),
                optionalText(a, "region", p + "region"), optionalText(a, "country", p + "country"));
    }

    private JourneyFact shipmentCreated(JsonNode data) throws InvalidEventException {
        List<String> skus = new ArrayList<>();
        JsonNode s = data.get("skus");
        if (s != null && !s.isNull()) {
            if (!s.isArray()) {
                throw new InvalidEventException("data.skus must be an array, got " + kind(s));
            }
            if (s.size() > MAX_ITEMS) {
                throw new InvalidEventException("data.skus has more than " + MAX_ITEMS + " entries");
            }
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).isTextual()) {
                    throw new InvalidEventException("data.skus[" + i + "] must be a string");
                }
                skus.add(s.get(i).textValue());
            }
        }
        return new JourneyFact.ShipmentCreated(id(data, "orderId", "data.orderId"),
                id(data, "shipmentId", "data.shipmentId"), requiredText(data, "carrier", "data.carrier"),
                id(data, "trackingNumber", "data.trackingNumber"),
                optionalText(data, "carrierTrackingUrl", "data.carrierTrackingUrl"),
                date(data, "estimatedDeliveryDate", "data.estimatedDeliveryDate", false),
                instant(data, "shippedAt", "data.shippedAt", true), skus);
    }

    private JourneyFact statusChanged(JsonNode data) throws InvalidEventException {
        ShipmentStatus status = enumValue(data, "status", "data.status", ShipmentStatus.class, true);
        if (!status.isContractStatus()) {
            throw new InvalidEventException("data.status 'CREATED' is not a carrier status; use shipment.created");
        }
        return new JourneyFact.ShipmentStatusChanged(id(data, "orderId", "data.orderId"),
                id(data, "shipmentId", "data.shipmentId"), status,
                enumValue(data, "reason", "data.reason", DelayReason.class, false),
                optionalText(data, "description", "data.description"), optionalText(data, "location", "data.location"),
                date(data, "estimatedDeliveryDate", "data.estimatedDeliveryDate", false),
                instant(data, "occurredAt", "data.occurredAt", true));
    }
}
