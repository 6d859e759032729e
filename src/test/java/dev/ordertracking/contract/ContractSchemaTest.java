package dev.ordertracking.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import dev.ordertracking.contract.JsonEdits.Edit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ordertracking.contract.JsonEdits.Edit.remove;
import static dev.ordertracking.contract.JsonEdits.Edit.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract's examples satisfy the schema; events that break the contract's rules do not. */
class ContractSchemaTest {

    private static final String PLACED = "order.placed";
    private static final String CONFIRMED = "order.confirmed";
    private static final String CANCELLED = "order.cancelled";
    private static final String CREATED = "shipment.created";
    private static final String STATUS = "shipment.status_changed";
    private static final String COUPON = "coupon.issued";

    private static final Map<String, String> EVENT_DEFS = Map.of(
            PLACED, "orderPlacedEvent", CONFIRMED, "orderConfirmedEvent", CANCELLED, "orderCancelledEvent",
            CREATED, "shipmentCreatedEvent", STATUS, "shipmentStatusChangedEvent", COUPON, "couponIssuedEvent");

    @ParameterizedTest
    @ValueSource(strings = {PLACED, CONFIRMED, CANCELLED, CREATED, STATUS})
    void everyIncomingExampleOfTheContractIsValid(String name) {
        ObjectNode event = ContractSchema.example(name);
        assertEquals(name, event.get("type").asText());
        assertEquals(List.of(), ContractSchema.validate(event));
        assertEquals(List.of(), ContractSchema.def(EVENT_DEFS.get(name)).validate(event));
        assertEquals(List.of(), ContractSchema.def("incomingEvent").validate(event));
        assertFalse(ContractSchema.def("publishedEvent").validate(event).isEmpty(), "not a published type");
    }

    @Test
    void theCouponExampleIsAValidPublishedEvent() {
        ObjectNode event = ContractSchema.example(COUPON);
        assertEquals(List.of(), ContractSchema.validate(event));
        assertEquals(List.of(), ContractSchema.def("couponIssuedEvent").validate(event));
        assertEquals(List.of(), ContractSchema.def("publishedEvent").validate(event));
        assertFalse(ContractSchema.def("incomingEvent").validate(event).isEmpty(), "not an incoming type");
    }

    @Test
    void anEventOfAnUnknownTypeNeedsOnlyAValidEnvelope() {
        ObjectNode event = JsonEdits.apply(ContractSchema.example(CONFIRMED),
                set("/type", "order.refunded"), set("/data", Map.of("refund", Map.of("amount", 12))));
        assertEquals(List.of(), ContractSchema.validate(event));
        assertFalse(ContractSchema.def("incomingEvent").validate(event).isEmpty());
        assertFalse(ContractSchema.validate(JsonEdits.apply(event, remove("/time"))).isEmpty());
    }

    static Stream<Arguments> invalidVariants() {
        return Stream.of(
                // required CloudEvents attributes
                invalid(PLACED, "/specversion", remove("/specversion")),
                invalid(PLACED, "/id", remove("/id")),
                invalid(PLACED, "/source", remove("/source")),
                invalid(PLACED, "/type", remove("/type")),
                invalid(PLACED, "/time", remove("/time")),
                invalid(PLACED, "/subject", remove("/subject")),
                invalid(PLACED, "/data", remove("/data")),
                invalid(CREATED, "/subject", remove("/subject")),
                invalid(STATUS, "/time", remove("/time")),
                invalid(PLACED, "/specversion", set("/specversion", "0.3")),
                invalid(PLACED, "/id", set("/id", "")),
                invalid(PLACED, "/subject", set("/subject", "")),
                // order ids: letters, digits, '-', '_', '.', ':' (a clarification of v1)
                invalid(PLACED, "/subject", set("/subject", "A1001/../../orders/OTHER")),
                invalid(PLACED, "/subject", set("/subject", "..")),
                invalid(PLACED, "/subject", set("/subject", "Z".repeat(65))),
                invalid(CONFIRMED, "/data/orderId", set("/data/orderId", "A 1001")),
                invalid(STATUS, "/data/orderId", set("/data/orderId", "A1001#2")),
                invalid(PLACED, "/source", set("/source", "/shop/check out")),
                invalid(PLACED, "/datacontenttype", set("/datacontenttype", "text/plain")),
                invalid(PLACED, "/data", set("/data", "A1001")),
                invalid(PLACED, "/data_base64", set("/data_base64", "e30=")),
                // required data fields, per type
                invalid(PLACED, "/data/orderId", remove("/data/orderId")),
                invalid(PLACED, "/data/placedAt", remove("/data/placedAt")),
                invalid(PLACED, "/data/promisedDeliveryDate", remove("/data/promisedDeliveryDate")),
                invalid(PLACED, "/data/customer", remove("/data/customer")),
                invalid(PLACED, "/data/customer/id", remove("/data/customer/id")),
                invalid(PLACED, "/data/orderId", set("/data/orderId", null)),
                invalid(CONFIRMED, "/data/orderId", remove("/data/orderId")),
                invalid(CONFIRMED, "/data/confirmedAt", remove("/data/confirmedAt")),
                invalid(CANCELLED, "/data/orderId", remove("/data/orderId")),
                invalid(CANCELLED, "/data/cancelledAt", remove("/data/cancelledAt")),
                invalid(CREATED, "/data/orderId", remove("/data/orderId")),
                invalid(CREATED, "/data/shipmentId", remove("/data/shipmentId")),
                invalid(CREATED, "/data/carrier", remove("/data/carrier")),
                invalid(CREATED, "/data/trackingNumber", remove("/data/trackingNumber")),
                invalid(CREATED, "/data/shippedAt", remove("/data/shippedAt")),
                invalid(STATUS, "/data/orderId", remove("/data/orderId")),
                invalid(STATUS, "/data/shipmentId", remove("/data/shipmentId")),
                invalid(STATUS, "/data/status", remove("/data/status")),
                invalid(STATUS, "/data/occurredAt", remove("/data/occurredAt")),
                // wrong JSON types
                invalid(PLACED, "/data/customer", set("/data/customer", "C42")),
                invalid(CANCELLED, "/data/orderId", set("/data/orderId", 1001)),
                invalid(PLACED, "/data/items", set("/data/items", "CUP-4")),
                invalid(PLACED, "/data/items/0/quantity", set("/data/items/0/quantity", "1")),
                invalid(CREATED, "/data/skus", set("/data/skus", "CUP-4")),
                invalid(CREATED, "/data/skus/0", set("/data/skus/0", 4)),
                // enums
                invalid(STATUS, "/data/status", set("/data/status", "LOST_IN_SPACE")),
                invalid(STATUS, "/data/status", set("/data/status", "in_transit")),
                invalid(STATUS, "/data/status", set("/data/status", "CREATED")),
                invalid(STATUS, "/data/status", set("/data/status", "")),
                invalid(STATUS, "/data/reason", set("/data/reason", "ALIENS")),
                invalid(STATUS, "/data/reason", set("/data/reason", "weather")),
                // RFC 3339 instants and calendar dates
                invalid(PLACED, "/time", set("/time", "2026-11-20T09:15:00")),
                invalid(PLACED, "/time", set("/time", "2026-11-20T09:15Z")),
                invalid(PLACED, "/time", set("/time", "2026-11-20 09:15:00Z")),
                invalid(PLACED, "/time", set("/time", "2026-11-20T09:15:00+0100")),
                invalid(PLACED, "/data/placedAt", set("/data/placedAt", "20.11.2026 09:15")),
                invalid(PLACED, "/data/placedAt", set("/data/placedAt", "2026-02-30T09:15:00Z")),
                invalid(PLACED, "/data/promisedDeliveryDate", set("/data/promisedDeliveryDate", "2026-11-31")),
                invalid(PLACED, "/data/promisedDeliveryDate", set("/data/promisedDeliveryDate", "26.11.2026")),
                invalid(PLACED, "/data/promisedDeliveryDate", set("/data/promisedDeliveryDate", "2026-11-26T00:00:00Z")),
                invalid(CONFIRMED, "/data/confirmedAt", set("/data/confirmedAt", "2026-11-20")),
                invalid(CREATED, "/data/estimatedDeliveryDate", set("/data/estimatedDeliveryDate", "2026-11-25T18:00:00Z")),
                invalid(CREATED, "/data/shippedAt", set("/data/shippedAt", "yesterday")),
                invalid(STATUS, "/data/estimatedDeliveryDate", set("/data/estimatedDeliveryDate", "2026-13-01")),
                // E.164 phone
                invalid(PLACED, "/data/customer/phone", set("/data/customer/phone", "09121234567")),
                invalid(PLACED, "/data/customer/phone", set("/data/customer/phone", "+0121234567")),
                invalid(PLACED, "/data/customer/phone", set("/data/customer/phone", "+98 912 123 4567")),
                invalid(PLACED, "/data/customer/phone", set("/data/customer/phone", "+1234567")),
                invalid(PLACED, "/data/customer/phone", set("/data/customer/phone", "+1234567890123456")),
                invalid(PLACED, "/data/customer/phone", set("/data/customer/phone", 989121234567L)),
                invalid(PLACED, "/data/customer/email", set("/data/customer/email", "")),
                // at least one of email / phone
                invalid(PLACED, "/data/customer", remove("/data/customer/email"), remove("/data/customer/phone")),
                invalid(PLACED, "/data/customer", set("/data/customer/email", null), set("/data/customer/phone", null)),
                invalid(PLACED, "/data/customer", remove("/data/customer/email"), set("/data/customer/phone", null)),
                // money is a decimal string
                invalid(PLACED, "/data/total", set("/data/total", "24,90")),
                invalid(PLACED, "/data/total", set("/data/total", 24.9)),
                invalid(PLACED, "/data/items/0/unitPrice", set("/data/items/0/unitPrice", "EUR 24.90")),
                // published
                invalid(COUPON, "/data/kind", set("/data/kind", "PERCENTAGE")),
                invalid(COUPON, "/data/currency", set("/data/kind", "AMOUNT"), set("/data/value", "5.00")),
                invalid(COUPON, "/data/expiresAt", set("/data/expiresAt", "2026-12-24")),
                invalid(COUPON, "/data/code", remove("/data/code")));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidVariants")
    void breakingTheContractIsInvalid(String example, String expectedAt, List<Edit> edits) {
        ObjectNode event = JsonEdits.apply(ContractSchema.example(example), edits.toArray(Edit[]::new));
        List<Error> errors = ContractSchema.validate(event);
        assertFalse(errors.isEmpty(), () -> "valid: " + event);
        assertTrue(errors.stream().map(ContractSchemaTest::location)
                        .anyMatch(at -> at.equals(expectedAt) || at.startsWith(expectedAt + "/")),
                () -> "no error at " + expectedAt + ": " + errors);
        if (!example.equals(COUPON)) {
            assertFalse(ContractSchema.def("incomingEvent").validate(event).isEmpty());
        }
    }

    static Stream<Arguments> validVariants() {
        return Stream.of(
                valid(PLACED, remove("/data/customer/email")),
                valid(PLACED, remove("/data/customer/phone")),
                valid(PLACED, set("/data/customer/email", null)),
                valid(PLACED, set("/data/customer/phone", "+12345678")),
                valid(PLACED, set("/data/customer/phone", "+123456789012345")),
                valid(PLACED, remove("/datacontenttype")),
                valid(PLACED, set("/datacontenttype", "application/json; charset=utf-8")),
                valid(PLACED, set("/time", "2026-11-20T12:45:00+03:30")),
                valid(PLACED, set("/time", "2026-11-20T09:15:00.123456Z")),
                valid(PLACED, set("/source", "urn:shop:checkout")),
                valid(PLACED, remove("/data/items"), remove("/data/currency"), remove("/data/total"),
                        remove("/data/shippingAddress"), remove("/data/customer/firstName"),
                        remove("/data/customer/lastName"), remove("/data/customer/locale"),
                        remove("/data/customer/timeZone")),
                valid(PLACED, set("/data/shippingAddress", null), set("/data/customer/locale", null),
                        set("/data/items/0/quantity", null)),
                valid(PLACED, set("/data/total", "-3"), set("/data/items/0/unitPrice", "0.005")),
                // unknown fields, at any depth, are allowed
                valid(PLACED, set("/traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                        set("/data/giftWrap", true), set("/data/customer/loyalty", Map.of("tier", "gold")),
                        set("/data/items/0/color", "red"), set("/data/shippingAddress/floor", 3)),
                valid(CANCELLED, remove("/data/reason")),
                valid(CREATED, remove("/data/carrierTrackingUrl"), remove("/data/estimatedDeliveryDate"),
                        remove("/data/skus")),
                valid(STATUS, set("/data/status", "DELIVERED"), remove("/data/reason"), remove("/data/description"),
                        remove("/data/location"), remove("/data/estimatedDeliveryDate")),
                valid(STATUS, set("/data/status", "RETURNED_TO_SENDER"), set("/data/reason", "ADDRESS_ISSUE")),
                valid(COUPON, set("/data/kind", "AMOUNT"), set("/data/value", "5.00"), set("/data/currency", "EUR")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validVariants")
    void whatTheContractAllowsIsValid(String example, List<Edit> edits) {
        ObjectNode event = JsonEdits.apply(ContractSchema.example(example), edits.toArray(Edit[]::new));
        assertEquals(List.of(), ContractSchema.validate(event), () -> event.toString());
    }

    private static Arguments invalid(String example, String expectedAt, Edit... edits) {
        return Arguments.of(example, expectedAt, List.of(edits));
    }

    private static Arguments valid(String example, Edit... edits) {
        return Arguments.of(example, List.of(edits));
    }

    /** Where an error is, as a JSON Pointer; a missing required member is located at the member. */
    static String location(Error e) {
        String at = e.getInstanceLocation().toString();
        return "required".equals(e.getKeyword()) && e.getProperty() != null ? at + "/" + e.getProperty() : at;
    }
}
