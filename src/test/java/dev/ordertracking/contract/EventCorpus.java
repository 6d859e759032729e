package dev.ordertracking.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Valid contract events of the five incoming types, varied with a seeded {@link Random}: which
 * optional fields are present, offsets and fractions of instants, e-mail and/or phone, statuses.
 */
final class EventCorpus {

    static final List<String> INCOMING_TYPES = List.of("order.placed", "order.confirmed", "order.cancelled",
            "shipment.created", "shipment.status_changed");
    static final List<String> STATUSES = List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED",
            "AVAILABLE_FOR_PICKUP", "ATTEMPT_FAILED", "EXCEPTION", "RETURNED_TO_SENDER");
    static final List<String> REASONS = List.of("WEATHER", "CARRIER_DELAY", "CUSTOMS", "ADDRESS_ISSUE",
            "RECIPIENT_UNAVAILABLE", "LOST", "DAMAGED", "OTHER");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Events fall in the 60 days after this: in the past, so none is ahead of the service's clock. */
    private static final Instant EPOCH = Instant.parse("2025-09-01T00:00:00Z");

    private final Random random;

    EventCorpus(Random random) {
        this.random = random;
    }

    /** A valid event of the given incoming type. */
    ObjectNode validEvent(String type) {
        String orderId = "A" + (1000 + random.nextInt(900_000));
        Instant at = EPOCH.plusSeconds(random.nextInt(60 * 24 * 3600));
        ObjectNode data = switch (type) {
            case "order.placed" -> placed(orderId, at);
            case "order.confirmed" -> NODES.objectNode().put("orderId", orderId).put("confirmedAt", instant(at));
            case "order.cancelled" -> cancelled(orderId, at);
            case "shipment.created" -> shipmentCreated(orderId, at);
            case "shipment.status_changed" -> statusChanged(orderId, at);
            default -> throw new IllegalArgumentException(type);
        };
        ObjectNode event = NODES.objectNode()
                .put("specversion", "1.0")
                .put("id", new UUID(random.nextLong(), random.nextLong()).toString())
                .put("source", pick("/shop/checkout", "/shop/carrier-bridge", "urn:shop:backend",
                        "https://shop.example/events"))
                .put("type", type)
                .put("time", instant(at))
                .put("subject", orderId);
        int contentType = random.nextInt(10);
        if (contentType < 7) {
            event.put("datacontenttype", "application/json");
        } else if (contentType == 7) {
            event.put("datacontenttype", "application/json; charset=utf-8");
        }
        event.set("data", data);
        return event;
    }

    private ObjectNode placed(String orderId, Instant at) {
        ObjectNode data = NODES.objectNode()
                .put("orderId", orderId)
                .put("placedAt", instant(at))
                .put("promisedDeliveryDate", date(at.plusSeconds(86_400L * (2 + random.nextInt(8)))));
        ObjectNode customer = data.putObject("customer").put("id", "C" + random.nextInt(100_000));
        maybe(customer, "firstName", pick("Sara", "Jonas", "Amélie", "李"));
        maybe(customer, "lastName", pick("Ahmadi", "Weber", "Dubois", "O'Brien"));
        int contact = random.nextInt(3);
        if (contact != 1) {
            customer.put("email", "c" + random.nextInt(100_000) + "@example.com");
        }
        if (contact != 0) {
            customer.put("phone", phone());
        }
        maybe(customer, "locale", pick("fa-IR", "en-US", "de-DE", "fr", "zh-Hans-CN"));
        maybe(customer, "timeZone", pick("Asia/Tehran", "Europe/Berlin", "America/New_York", "UTC"));
        if (random.nextBoolean()) {
            ArrayNode items = data.putArray("items");
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                ObjectNode item = items.addObject();
                maybe(item, "sku", "SKU-" + random.nextInt(1000));
                maybe(item, "name", pick("Espresso cups (set of 4)", "Kettle", "Tea, green, 250 g"));
                if (random.nextBoolean()) {
                    item.put("quantity", 1 + random.nextInt(5));
                }
                maybe(item, "unitPrice", money());
            }
        }
        maybe(data, "currency", pick("EUR", "USD", "IRR"));
        maybe(data, "total", money());
        if (random.nextBoolean()) {
            ObjectNode address = data.putObject("shippingAddress");
            maybe(address, "line1", "12 Vali-e Asr Ave");
            maybe(address, "city", pick("Tehran", "Leipzig"));
            maybe(address, "postalCode", "1511");
            maybe(address, "country", pick("IR", "DE"));
        }
        return data;
    }

    private ObjectNode cancelled(String orderId, Instant at) {
        ObjectNode data = NODES.objectNode().put("orderId", orderId).put("cancelledAt", instant(at));
        maybe(data, "reason", pick("customer_request", "payment_failed", "out_of_stock"));
        return data;
    }

    private ObjectNode shipmentCreated(String orderId, Instant at) {
        String tracking = "JD" + (100_000_000L + random.nextInt(900_000_000));
        ObjectNode data = NODES.objectNode()
                .put("orderId", orderId)
                .put("shipmentId", "S-" + random.nextInt(1000))
                .put("carrier", pick("DHL", "UPS", "PostNL"))
                .put("trackingNumber", tracking);
        maybe(data, "carrierTrackingUrl", "https://carrier.example/track/" + tracking);
        maybe(data, "estimatedDeliveryDate", date(at.plusSeconds(86_400L * (1 + random.nextInt(6)))));
        data.put("shippedAt", instant(at));
        if (random.nextBoolean()) {
            ArrayNode skus = data.putArray("skus");
            for (int i = 0, n = random.nextInt(3); i < n; i++) {
                skus.add("SKU-" + random.nextInt(1000));
            }
        }
        return data;
    }

    private ObjectNode statusChanged(String orderId, Instant at) {
        String status = STATUSES.get(random.nextInt(STATUSES.size()));
        ObjectNode data = NODES.objectNode()
                .put("orderId", orderId)
                .put("shipmentId", "S-" + random.nextInt(1000))
                .put("status", status);
        if (List.of("EXCEPTION", "ATTEMPT_FAILED", "RETURNED_TO_SENDER").contains(status) || random.nextInt(5) == 0) {
            maybe(data, "reason", REASONS.get(random.nextInt(REASONS.size())));
        }
        maybe(data, "description", pick("Severe weather at hub, shipment held", "Arrived at facility", ""));
        maybe(data, "location", pick("Leipzig, DE", "Tehran, IR"));
        maybe(data, "estimatedDeliveryDate", date(at.plusSeconds(86_400L * random.nextInt(6))));
        data.put("occurredAt", instant(at));
        return data;
    }

    /** An RFC 3339 instant: Z or an offset, with or without a fraction. */
    String instant(Instant at) {
        return switch (random.nextInt(4)) {
            case 0 -> at.toString();
            case 1 -> at.atOffset(ZoneOffset.ofHoursMinutes(3, 30)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case 2 -> at.atOffset(ZoneOffset.ofHours(-5)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            default -> at.plusMillis(1 + random.nextInt(999)).toString();
        };
    }

    String date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    String phone() {
        StringBuilder p = new StringBuilder("+").append(1 + random.nextInt(9));
        for (int i = 0, n = 7 + random.nextInt(8); i < n; i++) {
            p.append(random.nextInt(10));
        }
        return p.toString();
    }

    String money() {
        return random.nextInt(500) + (random.nextBoolean() ? "." + (10 + random.nextInt(90)) : "");
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private void maybe(ObjectNode node, String field, String value) {
        if (random.nextBoolean()) {
            node.put(field, value);
        }
    }

    /** Every member and element below the root, with its path (root first). */
    static List<List<Object>> paths(JsonNode root) {
        List<List<Object>> out = new ArrayList<>();
        collect(root, new ArrayList<>(), out);
        return out;
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> p = new ArrayList<>(path);
                p.add(name);
                out.add(p);
                collect(node.get(name), p, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> p = new ArrayList<>(path);
                p.add(i);
                out.add(p);
                collect(node.get(i), p, out);
            }
        }
    }

    static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object segment : path) {
            node = segment instanceof Integer i ? node.get(i) : node.get((String) segment);
        }
        return node;
    }

    static String pointer(List<Object> path) {
        StringBuilder p = new StringBuilder();
        for (Object segment : path) {
            p.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }

    /** The path as the service writes it in a reason: {@code data.items[0].quantity}. */
    static String dotted(List<Object> path) {
        StringBuilder p = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer i) {
                p.append('[').append(i).append(']');
            } else {
                p.append(p.length() == 0 ? "" : ".").append(segment);
            }
        }
        return p.toString();
    }
}
