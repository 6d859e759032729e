package dev.ordertracking.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.journey.Address;
import dev.ordertracking.journey.DelayReason;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyFact.CustomerData;
import dev.ordertracking.journey.OrderItem;
import dev.ordertracking.journey.ShipmentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Records checked against the event contract (events-v1): what is accepted, skipped, and why the rest is rejected. */
class CloudEventParserTest {

    /** The contract's {@code order.placed} example, verbatim. */
    private static final String ORDER_PLACED_EXAMPLE = """
            {
              "specversion": "1.0",
              "id": "0b6f8a1e-2d0c-4d5e-9b61-3c0f1f0e9a11",
              "source": "/shop/checkout",
              "type": "order.placed",
              "time": "2026-11-20T09:15:00Z",
              "subject": "A1001",
              "datacontenttype": "application/json",
              "data": {
                "orderId": "A1001",
                "placedAt": "2026-11-20T09:15:00Z",
                "promisedDeliveryDate": "2026-11-26",
                "customer": {
                  "id": "C42",
                  "firstName": "Sara",
                  "lastName": "Ahmadi",
                  "email": "sara@example.com",
                  "phone": "+989121234567",
                  "locale": "fa-IR",
                  "timeZone": "Asia/Tehran"
                },
                "items": [
                  { "sku": "CUP-4", "name": "Espresso cups (set of 4)", "quantity": 1, "unitPrice": "24.90" }
                ],
                "currency": "EUR",
                "total": "24.90",
                "shippingAddress": { "line1": "12 Vali-e Asr Ave", "city": "Tehran", "postalCode": "1511", "country": "IR" }
              }
            }
            """;

    /** The contract's {@code shipment.created} data example, verbatim. */
    private static final String SHIPMENT_CREATED_DATA = """
            {
              "orderId": "A1001",
              "shipmentId": "S-77",
              "carrier": "DHL",
              "trackingNumber": "JD014600003828392",
              "carrierTrackingUrl": "https://carrier.example/track/JD014600003828392",
              "estimatedDeliveryDate": "2026-11-25",
              "shippedAt": "2026-11-21T14:02:00Z",
              "skus": ["CUP-4"]
            }
            """;

    /** The contract's {@code shipment.status_changed} data example, verbatim. */
    private static final String STATUS_CHANGED_DATA = """
            {
              "orderId": "A1001",
              "shipmentId": "S-77",
              "status": "EXCEPTION",
              "reason": "WEATHER",
              "description": "Severe weather at hub, shipment held",
              "location": "Leipzig, DE",
              "estimatedDeliveryDate": "2026-11-28",
              "occurredAt": "2026-11-24T06:40:00Z"
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JourneyFact.OrderPlaced EXAMPLE_FACT = new JourneyFact.OrderPlaced("A1001",
            Instant.parse("2026-11-20T09:15:00Z"), LocalDate.of(2026, 11, 26),
            new CustomerData("C42", "Sara", "Ahmadi", "sara@example.com", "+989121234567", "fa-IR", "Asia/Tehran"),
            List.of(new OrderItem("CUP-4", "Espresso cups (set of 4)", 1, new BigDecimal("24.90"))), "EUR",
            new BigDecimal("24.90"), new Address("12 Vali-e Asr Ave", null, "Tehran", "1511", null, "IR"));

    private final CloudEventParser parser = new CloudEventParser();

    // --- accepted -------------------------------------------------------------------------------

    @Test
    void structuredModeContractExampleIsAccepted() {
        ParsedRecord parsed = parser.parse(record("A1001", List.of(), utf8(ORDER_PLACED_EXAMPLE)));
        ParsedRecord.Accepted a = assertInstanceOf(ParsedRecord.Accepted.class, parsed);
        assertEquals("0b6f8a1e-2d0c-4d5e-9b61-3c0f1f0e9a11", a.id());
        assertEquals("order.placed", a.type());
        assertEquals("/shop/checkout", a.source());
        assertEquals(Instant.parse("2026-11-20T09:15:00Z"), a.time());
        assertEquals("A1001", a.subject());
        assertEquals(EXAMPLE_FACT, a.fact());
        assertEquals(tree(ORDER_PLACED_EXAMPLE).get("data"), a.data());
    }

    @Test
    void structuredModeWithCloudEventsContentTypeHeaderIsAccepted() {
        ParsedRecord parsed = parser.parse(record("A1001",
                List.of(header("content-type", "application/cloudevents+json; charset=UTF-8")),
                utf8(ORDER_PLACED_EXAMPLE)));
        assertEquals(EXAMPLE_FACT, assertInstanceOf(ParsedRecord.Accepted.class, parsed).fact());
    }

    @Test
    void structuredModeWithoutKeyIsAccepted() {
        assertInstanceOf(ParsedRecord.Accepted.class, parser.parse(record(null, List.of(), utf8(ORDER_PLACED_EXAMPLE))));
    }

    @Test
    void binaryModeIsAccepted() {
        JsonNode data = tree(ORDER_PLACED_EXAMPLE).get("data");
        ParsedRecord parsed = parser.parse(record("A1001", binaryHeaders("order.placed"), utf8(data.toString())));
        ParsedRecord.Accepted a = assertInstanceOf(ParsedRecord.Accepted.class, parsed);
        assertEquals("0b6f8a1e-2d0c-4d5e-9b61-3c0f1f0e9a11", a.id());
        assertEquals("order.placed", a.type());
        assertEquals("/shop/checkout", a.source());
        assertEquals(Instant.parse("2026-11-20T09:15:00Z"), a.time());
        assertEquals("A1001", a.subject());
        assertEquals(EXAMPLE_FACT, a.fact());
    }

    @Test
    void shipmentCreatedContractExampleIsAccepted() {
        ParsedRecord.Accepted a = assertInstanceOf(ParsedRecord.Accepted.class,
                parse(event("shipment.created", SHIPMENT_CREATED_DATA)));
        assertEquals(new JourneyFact.ShipmentCreated("A1001", "S-77", "DHL", "JD014600003828392",
                "https://carrier.example/track/JD014600003828392", LocalDate.of(2026, 11, 25),
                Instant.parse("2026-11-21T14:02:00Z"), List.of("CUP-4")), a.fact());
    }

    @Test
    void shipmentStatusChangedContractExampleIsAccepted() {
        ParsedRecord.Accepted a = assertInstanceOf(ParsedRecord.Accepted.class,
                parse(event("shipment.status_changed", STATUS_CHANGED_DATA)));
        assertEquals(new JourneyFact.ShipmentStatusChanged("A1001", "S-77", ShipmentStatus.EXCEPTION,
                DelayReason.WEATHER, "Severe weather at hub, shipment held", "Leipzig, DE", LocalDate.of(2026, 11, 28),
                Instant.parse("2026-11-24T06:40:00Z")), a.fact());
    }

    @Test
    void orderConfirmedAndCancelledAreAccepted() {
        ParsedRecord.Accepted confirmed = assertInstanceOf(ParsedRecord.Accepted.class, parse(event("order.confirmed",
                "{ \"orderId\": \"A1001\", \"confirmedAt\": \"2026-11-20T09:16:10Z\" }")));
        assertEquals(new JourneyFact.OrderConfirmed("A1001", Instant.parse("2026-11-20T09:16:10Z")), confirmed.fact());
        ParsedRecord.Accepted cancelled = assertInstanceOf(ParsedRecord.Accepted.class, parse(event("order.cancelled",
                "{ \"orderId\": \"A1001\", \"cancelledAt\": \"2026-11-21T08:00:00+03:30\", \"reason\": \"customer_request\" }")));
        assertEquals(new JourneyFact.OrderCancelled("A1001", Instant.parse("2026-11-21T04:30:00Z"), "customer_request"),
                cancelled.fact());
    }

    @Test
    void unknownTypeIsSkipped() {
        ObjectNode e = placedEvent();
        e.put("type", "order.gift_wrapped");
        e.set("data", JSON.createObjectNode().put("orderId", "A1001").put("paper", "red"));
        ParsedRecord.Skipped skipped = assertInstanceOf(ParsedRecord.Skipped.class, parse(e));
        assertEquals("order.gift_wrapped", skipped.type());
    }

    @Test
    void unknownTypeIsSkippedInBinaryModeToo() {
        ParsedRecord parsed = parser.parse(record("A1001", binaryHeaders("order.gift_wrapped"), utf8("{}")));
        assertEquals("order.gift_wrapped", assertInstanceOf(ParsedRecord.Skipped.class, parsed).type());
    }

    @Test
    void unknownFieldsAreIgnoredAndKeptInData() {
        ObjectNode e = placedEvent();
        e.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        e.put("partitionkey", "A1001");
        ObjectNode data = (ObjectNode) e.get("data");
        data.put("loyaltyTier", "gold");
        data.putObject("giftMessage").put("text", "Happy birthday").putArray("lines").add(1);
        ((ObjectNode) data.get("customer")).put("nickname", "S");
        ((ObjectNode) data.get("items").get(0)).put("color", "white");
        ((ObjectNode) data.get("shippingAddress")).put("floor", 3);

        ParsedRecord.Accepted a = assertInstanceOf(ParsedRecord.Accepted.class, parse(e));
        assertEquals(EXAMPLE_FACT, a.fact());
        assertEquals("gold", a.data().get("loyaltyTier").textValue());
    }

    // --- rejected: the record as a whole ------------------------------------------------------

    @Test
    void emptyValueIsRejected() {
        assertEquals("value is empty", reason(record("A1001", List.of(), new byte[0])));
        assertEquals("value is empty", reason(record("A1001", List.of(), null)));
    }

    @Test
    void malformedJsonIsRejected() {
        assertEquals("malformed JSON in value: Unexpected character ('n' (code 110)): "
                        + "was expecting double-quote to start field name",
                reason(record("A1001", List.of(), utf8("{not json"))));
    }

    @Test
    void invalidUtf8BytesAreRejected() {
        byte[] value = withBytesInDescription(0xFF);
        assertEquals("value is not valid UTF-8", reason(record("A1001", List.of(), value)));
    }

    @Test
    void invalidUtf8ThatTheJsonParserWouldDecodeAnywayIsRejected() {
        // An overlong encoding of '/' (C0 AF, E0 80 AF) and a sequence beyond U+10FFFF (F4 90 80 80) are not
        // UTF-8; decoded leniently they would turn into other text than was sent, or lone surrogates.
        for (int[] bytes : new int[][] {{0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xF4, 0x90, 0x80, 0x80}}) {
            byte[] value = withBytesInDescription(bytes);
            assertEquals("value is not valid UTF-8", reason(record("A1001", List.of(), value)));
        }
    }

    @Test
    void validMultiByteUtf8IsAccepted() {
        ObjectNode e = placedEvent();
        customer(e).put("firstName", "\u0633\u0627\u0631\u0627").put("lastName", "Ahmadi \uD83D\uDCE6");
        ParsedRecord.Accepted a = assertInstanceOf(ParsedRecord.Accepted.class, parse(e));
        assertEquals("\u0633\u0627\u0631\u0627", ((JourneyFact.OrderPlaced) a.fact()).customer().firstName());
        assertEquals("Ahmadi \uD83D\uDCE6", ((JourneyFact.OrderPlaced) a.fact()).customer().lastName());
    }

    @Test
    void invalidUtf8InBinaryModeDataIsRejected() {
        byte[] data = "{\"orderId\": \"A1\u00ff001\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("value (data) is not valid UTF-8", reason(record("A1001", binaryHeaders("order.placed"), data)));
    }

    @Test
    void valueThatIsNotAnObjectIsRejected() {
        assertEquals("value must be a JSON object (a CloudEvent), got array",
                reason(record("A1001", List.of(), utf8("[" + ORDER_PLACED_EXAMPLE + "]"))));
        assertEquals("value must be a JSON object (a CloudEvent), got string",
                reason(record("A1001", List.of(), utf8("\"order.placed\""))));
    }

    @Test
    void specversionOtherThan10IsRejected() {
        ObjectNode e = placedEvent();
        e.put("specversion", "0.3");
        assertEquals("specversion '0.3' is not 1.0", reason(e));
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"specversion", "id", "source", "type", "time", "subject"})
    void missingRequiredAttributeIsRejected(String attribute) {
        ObjectNode e = placedEvent();
        e.remove(attribute);
        assertEquals(attribute + " is required", reason(record("A1001", List.of(), utf8(e.toString()))));
    }

    @Test
    void timeWithoutOffsetIsRejected() {
        ObjectNode e = placedEvent();
        e.put("time", "2026-11-20T09:15:00");
        assertEquals("time '2026-11-20T09:15:00' is not an RFC 3339 date-time with offset", reason(e));
    }

    @Test
    void sourceThatIsNotAUriReferenceIsRejected() {
        ObjectNode e = placedEvent();
        e.put("source", "shop checkout");
        assertEquals("source 'shop checkout' is not a URI-reference", reason(e));
    }

    @Test
    void keyThatDiffersFromSubjectIsRejected() {
        assertEquals("record key 'A1002' differs from subject 'A1001'",
                reason(record("A1002", List.of(), utf8(ORDER_PLACED_EXAMPLE))));
    }

    @Test
    void jsonWithParametersIsAcceptedButJsonLookalikesAreNot() {
        ObjectNode e = placedEvent();
        e.put("datacontenttype", "application/json; charset=utf-8");
        assertInstanceOf(ParsedRecord.Accepted.class, parse(e));
        e.put("datacontenttype", "application/json-patch+json");
        assertEquals("datacontenttype 'application/json-patch+json' is not application/json", reason(e));
    }

    @Test
    void aTimeZoneThatIsAnOffsetIsRejected() {
        ObjectNode e = placedEvent();
        ((ObjectNode) e.get("data").get("customer")).put("timeZone", "+03:30");
        assertEquals("data.customer.timeZone '+03:30' is not an IANA time zone", reason(e));
    }

    @Test
    void dataContentTypeOtherThanJsonIsRejected() {
        ObjectNode e = placedEvent();
        e.put("datacontenttype", "application/xml");
        assertEquals("datacontenttype 'application/xml' is not application/json", reason(e));
    }

    @Test
    void missingDataIsRejected() {
        ObjectNode e = placedEvent();
        e.remove("data");
        assertEquals("data is required", reason(e));
        e.putNull("data");
        assertEquals("data is required", reason(e));
    }

    @Test
    void dataBase64IsRejected() {
        ObjectNode e = placedEvent();
        e.put("data_base64", "e30=");
        assertEquals("data_base64 is not accepted; data must be a JSON object", reason(e));
    }

    @Test
    void dataThatIsNotAnObjectIsRejected() {
        ObjectNode e = placedEvent();
        e.putArray("data").add("A1001");
        assertEquals("data must be an object, got array", reason(e));
        e.put("data", "A1001");
        assertEquals("data must be an object, got string", reason(e));
    }

    @Test
    void dataOrderIdThatDiffersFromSubjectIsRejected() {
        ObjectNode e = placedEvent();
        ((ObjectNode) e.get("data")).put("orderId", "A1002");
        assertEquals("data.orderId 'A1002' differs from subject 'A1001'", reason(e));
    }

    // --- rejected: data of each type ------------------------------------------------------------

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "order.placed, orderId, data.orderId is required",
            "order.placed, placedAt, data.placedAt is required",
            "order.placed, promisedDeliveryDate, data.promisedDeliveryDate is required",
            "order.placed, customer, data.customer is required",
            "order.placed, customer.id, data.customer.id is required",
            "order.confirmed, orderId, data.orderId is required",
            "order.confirmed, confirmedAt, data.confirmedAt is required",
            "order.cancelled, orderId, data.orderId is required",
            "order.cancelled, cancelledAt, data.cancelledAt is required",
            "shipment.created, orderId, data.orderId is required",
            "shipment.created, shipmentId, data.shipmentId is required",
            "shipment.created, carrier, data.carrier is required",
            "shipment.created, trackingNumber, data.trackingNumber is required",
            "shipment.created, shippedAt, data.shippedAt is required",
            "shipment.status_changed, orderId, data.orderId is required",
            "shipment.status_changed, shipmentId, data.shipmentId is required",
            "shipment.status_changed, status, data.status is required",
            "shipment.status_changed, occurredAt, data.occurredAt is required"})
    void missingRequiredDataFieldIsRejected(String type, String field, String expected) {
        ObjectNode e = validEvent(type);
        ObjectNode parent = (ObjectNode) e.get("data");
        String[] path = field.split("\\.");
        for (int i = 0; i < path.length - 1; i++) {
            parent = (ObjectNode) parent.get(path[i]);
        }
        parent.remove(path[path.length - 1]);
        assertEquals(expected, reason(e));
    }

    @Test
    void requiredDataFieldThatIsEmptyIsRejected() {
        ObjectNode e = event("shipment.created", SHIPMENT_CREATED_DATA);
        ((ObjectNode) e.get("data")).put("shipmentId", " ");
        assertEquals("data.shipmentId must not be empty", reason(e));
    }

    @Test
    void unknownStatusIsRejected() {
        ObjectNode e = event("shipment.status_changed", STATUS_CHANGED_DATA);
        ((ObjectNode) e.get("data")).put("status", "LOST");
        assertEquals("data.status 'LOST' is not one of [IN_TRANSIT, EXCEPTION, ATTEMPT_FAILED, "
                + "OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP, DELIVERED, RETURNED_TO_SENDER]", reason(e));
    }

    @Test
    void statusCreatedIsRejectedBecauseItIsNotACarrierStatus() {
        ObjectNode e = event("shipment.status_changed", STATUS_CHANGED_DATA);
        ((ObjectNode) e.get("data")).put("status", "CREATED");
        assertEquals("data.status 'CREATED' is not a carrier status; use shipment.created", reason(e));
    }

    @Test
    void unknownReasonIsRejected() {
        ObjectNode e = event("shipment.status_changed", STATUS_CHANGED_DATA);
        ((ObjectNode) e.get("data")).put("reason", "RAIN");
        assertEquals("data.reason 'RAIN' is not one of [WEATHER, CARRIER_DELAY, CUSTOMS, ADDRESS_ISSUE, "
                + "RECIPIENT_UNAVAILABLE, LOST, DAMAGED, OTHER]", reason(e));
    }

    @Test
    void promisedDeliveryDateThatIsNotACalendarDateIsRejected() {
        ObjectNode e = placedEvent();
        ((ObjectNode) e.get("data")).put("promisedDeliveryDate", "2026-11-31");
        assertEquals("data.promisedDeliveryDate '2026-11-31' is not a calendar date (yyyy-MM-dd)", reason(e));
        ((ObjectNode) e.get("data")).put("promisedDeliveryDate", "26.11.2026");
        assertEquals("data.promisedDeliveryDate '26.11.2026' is not a calendar date (yyyy-MM-dd)", reason(e));
        ((ObjectNode) e.get("data")).put("promisedDeliveryDate", "2026-11-26T00:00:00Z");
        assertEquals("data.promisedDeliveryDate '2026-11-26T00:00:00Z' is not a calendar date (yyyy-MM-dd)",
                reason(e));
    }

    @Test
    void phoneThatIsNotE164IsRejected() {
        ObjectNode e = placedEvent();
        customer(e).put("phone", "09121234567");
        assertEquals("data.customer.phone '09121234567' is not an E.164 number", reason(e));
        customer(e).put("phone", "+98 912 123 4567");
        assertEquals("data.customer.phone '+98 912 123 4567' is not an E.164 number", reason(e));
    }

    @Test
    void customerWithPhoneOnlyOrEmailOnlyIsAccepted() {
        ObjectNode phoneOnly = placedEvent();
        customer(phoneOnly).remove("email");
        assertInstanceOf(ParsedRecord.Accepted.class, parse(phoneOnly));
        ObjectNode emailOnly = placedEvent();
        customer(emailOnly).remove("phone");
        assertInstanceOf(ParsedRecord.Accepted.class, parse(emailOnly));
    }

    @Test
    void customerWithNeitherEmailNorPhoneIsRejected() {
        ObjectNode e = placedEvent();
        customer(e).remove("email");
        customer(e).putNull("phone");
        assertEquals("data.customer needs an email or a phone", reason(e));
    }

    @Test
    void emailThatIsNotAnAddressIsRejected() {
        ObjectNode e = placedEvent();
        customer(e).put("email", "sara.example.com");
        assertEquals("data.customer.email 'sara.example.com' is not an e-mail address", reason(e));
    }

    @Test
    void timeZoneThatIsNotIanaIsRejected() {
        ObjectNode e = placedEvent();
        customer(e).put("timeZone", "Mars/Olympus_Mons");
        assertEquals("data.customer.timeZone 'Mars/Olympus_Mons' is not an IANA time zone", reason(e));
    }

    @Test
    void localeThatIsNotBcp47IsRejected() {
        ObjectNode e = placedEvent();
        customer(e).put("locale", "fa_IR");
        assertEquals("data.customer.locale 'fa_IR' is not a BCP 47 language tag", reason(e));
    }

    @Test
    void currencyThatIsNotIso4217IsRejected() {
        ObjectNode e = placedEvent();
        ((ObjectNode) e.get("data")).put("currency", "ABC");
        assertEquals("data.currency 'ABC' is not an ISO 4217 code", reason(e));
        ((ObjectNode) e.get("data")).put("currency", "EURO");
        assertEquals("data.currency is longer than 3 characters", reason(e));
    }

    @Test
    void moneyThatIsNotADecimalStringIsRejected() {
        ObjectNode e = placedEvent();
        ((ObjectNode) e.get("data")).put("total", "24,90");
        assertEquals("data.total '24,90' is not a decimal string", reason(e));
        ((ObjectNode) e.get("data")).put("total", 24.90);
        assertEquals("data.total must be a string, got number", reason(e));
        ObjectNode item = placedEvent();
        ((ObjectNode) item.get("data").get("items").get(0)).put("unitPrice", "1e3");
        assertEquals("data.items[0].unitPrice '1e3' is not a decimal string", reason(item));
    }

    @Test
    void quantityZeroIsRejected() {
        ObjectNode e = placedEvent();
        ((ObjectNode) e.get("data").get("items").get(0)).put("quantity", 0);
        assertEquals("data.items[0].quantity must be a whole number of at least 1", reason(e));
    }

    @Test
    void itemsThatAreNotAnArrayAreRejected() {
        ObjectNode e = placedEvent();
        ObjectNode data = (ObjectNode) e.get("data");
        data.set("items", data.get("items").get(0));
        assertEquals("data.items must be an array, got object", reason(e));
    }

    @Test
    void descriptionOf3000CharactersIsRejectedAsTooLong() {
        ObjectNode e = event("shipment.status_changed", STATUS_CHANGED_DATA);
        ((ObjectNode) e.get("data")).put("description", "x".repeat(3_000));
        assertEquals("data.description is longer than 2000 characters", reason(e));
    }

    @Test
    void textWithANulCharacterIsRejected() {
        ObjectNode e = event("shipment.status_changed", STATUS_CHANGED_DATA);
        ((ObjectNode) e.get("data")).put("description", "held\u0000at hub");
        assertEquals("data.description contains a NUL character", reason(e));
    }

    @Test
    void aNulCharacterInAFieldWeDoNotReadIsRejectedToo() {
        ObjectNode e = event("shipment.status_changed", STATUS_CHANGED_DATA);
        ((ObjectNode) e.get("data")).putObject("carrierExtras").put("note", "a\u0000b");
        assertEquals("data contains a NUL character (\\u0000)", reason(e));
    }

    // --- rejected: binary mode --------------------------------------------------------------------

    @Test
    void binaryModeWithoutCeIdHeaderIsRejected() {
        List<IncomingRecord.Header> headers = new ArrayList<>(binaryHeaders("order.placed"));
        headers.removeIf(h -> h.name().equals("ce_id"));
        String data = tree(ORDER_PLACED_EXAMPLE).get("data").toString();
        assertEquals("header ce_id is required in binary mode", reason(record("A1001", headers, utf8(data))));
    }

    @Test
    void binaryModeWithNonUtf8HeaderIsRejected() {
        List<IncomingRecord.Header> headers = new ArrayList<>(binaryHeaders("order.placed"));
        headers.removeIf(h -> h.name().equals("ce_subject"));
        headers.add(new IncomingRecord.Header("ce_subject", new byte[] {'A', '1', (byte) 0xC3, '0', '1'}));
        String data = tree(ORDER_PLACED_EXAMPLE).get("data").toString();
        assertEquals("header ce_subject is not valid UTF-8", reason(record("A1001", headers, utf8(data))));
    }

    @Test
    void binaryModeAttributesHaveTheLimitsOfStructuredMode() {
        String data = placedEvent().get("data").toString();
        List<IncomingRecord.Header> longId = new ArrayList<>(binaryHeaders("order.placed"));
        longId.removeIf(h -> h.name().equals("ce_id"));
        longId.add(header("ce_id", "i".repeat(201)));
        assertEquals("header ce_id is longer than 200 characters", reason(record("A1001", longId, utf8(data))));
        List<IncomingRecord.Header> nulSource = new ArrayList<>(binaryHeaders("order.placed"));
        nulSource.removeIf(h -> h.name().equals("ce_source"));
        nulSource.add(header("ce_source", "/shop\u0000"));
        assertEquals("header ce_source contains a NUL character", reason(record("A1001", nulSource, utf8(data))));
        List<IncomingRecord.Header> blankType = new ArrayList<>(binaryHeaders("order.placed"));
        blankType.removeIf(h -> h.name().equals("ce_type"));
        blankType.add(header("ce_type", " "));
        assertEquals("header ce_type must not be empty", reason(record("A1001", blankType, utf8(data))));
    }

    @Test
    void aRecordKeyWithNulOrBeyondTheIdLimitIsRejected() {
        String data = placedEvent().get("data").toString();
        assertEquals("record key contains a NUL character",
                reason(record("A1001\u0000", binaryHeaders("order.placed"), utf8(data))));
        assertEquals("record key is longer than 200 characters",
                reason(record("A".repeat(201), binaryHeaders("order.placed"), utf8(data))));
    }

    @Test
    void anOrderIdOutsideTheContractsCharactersIsRejected() {
        ObjectNode e = placedEvent();
        e.put("subject", "A1001/../../orders/OTHER");
        ((ObjectNode) e.get("data")).put("orderId", "A1001/../../orders/OTHER");
        assertEquals("subject 'A1001/../../orders/OTHER' is not an order id (1-64 letters, digits, '-', '_', '.' "
                + "or ':', starting with a letter or digit)", reason(e));
    }

    @Test
    void aRecordLargerThanTheLimitIsRejected() {
        ObjectNode e = placedEvent();
        ((ObjectNode) e.get("data")).put("giftNote", "x".repeat(CloudEventParser.DEFAULT_MAX_RECORD_BYTES));
        assertEquals("record is larger than 65536 bytes (value, key and headers)", reason(e));
    }

    @Test
    void binaryModeWithoutValueIsRejected() {
        assertEquals("data is required", reason(record("A1001", binaryHeaders("order.placed"), null)));
    }

    // --- helpers --------------------------------------------------------------------------------

    private static IncomingRecord record(String key, List<IncomingRecord.Header> headers, byte[] value) {
        return new IncomingRecord("orders.v1", 0, 42L, key, headers, value);
    }

    private static IncomingRecord.Header header(String name, String value) {
        return new IncomingRecord.Header(name, utf8(value));
    }

    private static List<IncomingRecord.Header> binaryHeaders(String type) {
        return List.of(header("ce_specversion", "1.0"), header("ce_id", "0b6f8a1e-2d0c-4d5e-9b61-3c0f1f0e9a11"),
                header("ce_source", "/shop/checkout"), header("ce_type", type),
                header("ce_time", "2026-11-20T09:15:00Z"), header("ce_subject", "A1001"),
                header("content-type", "application/json"));
    }

    private ParsedRecord parse(ObjectNode event) {
        JsonNode subject = event.get("subject");
        return parser.parse(record(subject == null ? "A1001" : subject.asText(), List.of(), utf8(event.toString())));
    }

    private String reason(ObjectNode event) {
        return reasonOf(parse(event));
    }

    private String reason(IncomingRecord record) {
        return reasonOf(parser.parse(record));
    }

    private static String reasonOf(ParsedRecord parsed) {
        return assertInstanceOf(ParsedRecord.Rejected.class, parsed, () -> "expected a rejection, got " + parsed)
                .reason();
    }

    private static ObjectNode placedEvent() {
        return (ObjectNode) tree(ORDER_PLACED_EXAMPLE);
    }

    private static ObjectNode customer(ObjectNode placedEvent) {
        return (ObjectNode) placedEvent.get("data").get("customer");
    }

    /** An event of this type with a valid {@code data}, around the contract's examples. */
    private static ObjectNode validEvent(String type) {
        return switch (type) {
            case "order.placed" -> placedEvent();
            case "order.confirmed" -> event(type, "{ \"orderId\": \"A1001\", \"confirmedAt\": \"2026-11-20T09:16:10Z\" }");
            case "order.cancelled" -> event(type,
                    "{ \"orderId\": \"A1001\", \"cancelledAt\": \"2026-11-21T08:00:00Z\", \"reason\": \"customer_request\" }");
            case "shipment.created" -> event(type, SHIPMENT_CREATED_DATA);
            case "shipment.status_changed" -> event(type, STATUS_CHANGED_DATA);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static ObjectNode event(String type, String data) {
        ObjectNode e = placedEvent();
        e.put("id", "evt-" + type);
        e.put("source", "/shop/carrier-bridge");
        e.put("type", type);
        e.set("data", tree(data));
        return e;
    }

    /** The status example with these raw bytes in the middle of its description. */
    private static byte[] withBytesInDescription(int... bytes) {
        String json = event("shipment.status_changed", STATUS_CHANGED_DATA).toString();
        String[] halves = json.split("Severe weather", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(halves[0] + "Severe"));
        for (int b : bytes) {
            out.write(b);
        }
        out.writeBytes(utf8("weather" + halves[1]));
        return out.toByteArray();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
