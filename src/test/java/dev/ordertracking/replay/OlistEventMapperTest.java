package dev.ordertracking.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.ordertracking.replay.OlistEventMapper.SAO_PAULO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OlistEventMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
    private static final Path DIR = OlistSample.dir();

    private static List<OlistOrder> orders;
    private static List<ContractEvent> events;

    @BeforeAll
    static void load() throws Exception {
        if (Files.isRegularFile(DIR.resolve(OlistDataset.ORDERS_FILE))) {
            orders = OlistDataset.load(DIR).orders();
            events = new OlistEventMapper().mapAll(orders);
        }
    }

    private static void assumeSample() {
        OlistSample.require();
    }

    @Test
    void readsEveryOrderWithItsCustomerAndItems() {
        assumeSample();
        assertEquals(8135, orders.size());
        assertEquals(8365, orders.stream().mapToInt(o -> o.items().size()).sum());
        assertEquals(775, orders.stream().filter(o -> o.items().isEmpty()).count());

        OlistOrder first = orders.get(0);
        assertEquals("a4591c265e18cb1dcee52889e2d8acc3", first.orderId());
        assertEquals("80bb27c7c16e8f973207a5086ab329e2", first.customerUniqueId());
        assertEquals("delivered", first.status());
        assertEquals(LocalDate.of(2017, 8, 1), first.estimatedDeliveryDate());
        assertEquals("congonhinhas", first.city());
        assertEquals("86320", first.zipPrefix());
        assertEquals(List.of(new OlistOrder.Item("060cb19345d90064d1015407193c233d",
                new java.math.BigDecimal("147.9"), new java.math.BigDecimal("27.36"))), first.items());
    }

    @Test
    void producesTheExpectedNumberOfEventsPerType() {
        assumeSample();
        Map<String, Long> counts = events.stream()
                .collect(Collectors.groupingBy(ContractEvent::type, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(
                "order.placed", 8135L,
                "order.confirmed", 7989L,
                "shipment.created", 6353L,
                "shipment.status_changed", 5170L,
                "order.cancelled", 1234L), counts);
        assertEquals(28881, events.size());
    }

    @Test
    void everyEventCarriesTheContractAttributesAndData() throws Exception {
        assumeSample();
        Set<String> ids = new HashSet<>();
        for (ContractEvent event : events) {
            JsonNode e = JSON.readTree(event.json());
            String type = e.path("type").asText();
            assertEquals("1.0", e.path("specversion").asText());
            assertTrue(ids.add(e.path("id").asText()), "duplicate id in " + event.json());
            assertEquals("/olist/replay", e.path("source").asText());
            assertEquals("application/json", e.path("datacontenttype").asText());
            assertEquals(event.key(), e.path("subject").asText());
            JsonNode data = e.path("data");
            assertTrue(data.isObject());
            assertEquals(event.key(), data.path("orderId").asText());
            Instant time = Instant.parse(e.path("time").asText());
            assertTrue(e.path("time").asText().endsWith("Z"));
            assertFalse(event.json().contains("null"), "null fields must be omitted: " + event.json());

            switch (type) {
                case "order.placed" -> {
                    assertEquals("orders.v1", event.topic());
                    assertEquals(time, Instant.parse(data.path("placedAt").asText()));
                    LocalDate.parse(data.path("promisedDeliveryDate").asText());
                    JsonNode customer = data.path("customer");
                    assertFalse(customer.path("id").asText().isEmpty());
                    assertTrue(E164.matcher(customer.path("phone").asText()).matches(), customer.toString());
                    assertTrue(customer.path("email").asText().matches("c-[0-9a-f]{16}@customers\\.example\\.com"));
                    assertEquals("pt-BR", customer.path("locale").asText());
                    assertEquals("America/Sao_Paulo", customer.path("timeZone").asText());
                    assertEquals("BR", data.path("shippingAddress").path("country").asText());
                }
                case "order.confirmed" -> {
                    assertEquals("orders.v1", event.topic());
                    assertEquals(time, Instant.parse(data.path("confirmedAt").asText()));
                }
                case "order.cancelled" -> {
                    assertEquals("orders.v1", event.topic());
                    assertEquals(time, Instant.parse(data.path("cancelledAt").asText()));
                    assertTrue(Set.of("canceled", "unavailable").contains(data.path("reason").asText()));
                }
                case "shipment.created" -> {
                    assertEquals("shipments.v1", event.topic());
                    assertEquals(event.key() + "-1", data.path("shipmentId").asText());
                    assertEquals("Olist Logistics", data.path("carrier").asText());
                    assertTrue(data.path("trackingNumber").asText().matches("OL[0-9A-F]{14}"));
                    assertEquals(time, Instant.parse(data.path("shippedAt").asText()));
                }
                case "shipment.status_changed" -> {
                    assertEquals("shipments.v1", event.topic());
                    assertEquals(event.key() + "-1", data.path("shipmentId").asText());
                    assertEquals("DELIVERED", data.path("status").asText());
                    assertEquals(time, Instant.parse(data.path("occurredAt").asText()));
                }
                default -> throw new AssertionError("unexpected type " + type);
            }
        }
    }

    @Test
    void mapsTheFirstOrderAsTheReadmeDescribes() throws Exception {
        assumeSample();
        List<ContractEvent> mapped = new OlistEventMapper().map(orders.get(0));
        assertEquals(List.of("order.placed", "order.confirmed", "shipment.created", "shipment.status_changed"),
                mapped.stream().map(ContractEvent::type).toList());

        JsonNode placed = JSON.readTree(mapped.get(0).json());
        // 2017-07-09 21:57:05 in Sao Paulo (UTC-3 in July).
        assertEquals("2017-07-10T00:57:05Z", placed.path("time").asText());
        assertEquals(OlistEventMapper.eventId("a4591c265e18cb1dcee52889e2d8acc3", "order.placed", null),
                placed.path("id").asText());
        JsonNode data = placed.path("data");
        assertEquals("2017-08-01", data.path("promisedDeliveryDate").asText());
        assertEquals("80bb27c7c16e8f973207a5086ab329e2", data.path("customer").path("id").asText());
        assertEquals("Cliente", data.path("customer").path("firstName").asText());
        assertTrue(data.path("customer").path("lastName").isMissingNode());
        assertEquals("c-80bb27c7c16e8f97@customers.example.com", data.path("customer").path("email").asText());
        assertTrue(data.path("customer").path("phone").asText().startsWith("+55119"));
        assertEquals("BRL", data.path("currency").asText());
        assertEquals("175.26", data.path("total").asText());
        assertEquals(JSON.readTree("""
                [{"sku":"060cb19345d90064d1015407193c233d","name":"Produto 060cb193","quantity":1,"unitPrice":"147.9"}]
                """), data.path("items"));
        assertEquals(JSON.readTree("""
                {"city":"congonhinhas","postalCode":"86320","region":"PR","country":"BR"}"""), data.path("shippingAddress"));

        JsonNode shipped = JSON.readTree(mapped.get(2).json()).path("data");
        assertEquals("OLA4591C265E18CB", shipped.path("trackingNumber").asText());
        assertEquals("2017-07-11T17:58:04Z", shipped.path("shippedAt").asText());
        assertEquals("[\"060cb19345d90064d1015407193c233d\"]", shipped.path("skus").toString());
        assertTrue(shipped.path("estimatedDeliveryDate").isMissingNode());
    }

    @Test
    void eachOrdersEventsAreInTimeOrderAndCancellationComesLast() throws Exception {
        assumeSample();
        Map<String, List<JsonNode>> byOrder = new HashMap<>();
        for (ContractEvent event : events) {
            byOrder.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(JSON.readTree(event.json()));
        }
        for (List<JsonNode> orderEvents : byOrder.values()) {
            for (int i = 1; i < orderEvents.size(); i++) {
                Instant before = Instant.parse(orderEvents.get(i - 1).path("time").asText());
                assertFalse(Instant.parse(orderEvents.get(i).path("time").asText()).isBefore(before));
            }
            JsonNode last = orderEvents.get(orderEvents.size() - 1);
            if (orderEvents.stream().anyMatch(e -> e.path("type").asText().equals("order.cancelled"))) {
                assertEquals("order.cancelled", last.path("type").asText());
            }
        }
        // Three carrier pickups are stamped before the purchase: their shipment comes first.
        assertEquals(3, byOrder.values().stream()
                .filter(list -> list.get(0).path("type").asText().equals("shipment.created")).count());
    }

    @Test
    void aSecondMappingYieldsTheSameIdsEvenWhenShifted() {
        assumeSample();
        assertEquals(events, new OlistEventMapper().mapAll(orders));
        List<String> ids = events.stream().map(OlistEventMapperTest::id).toList();
        List<String> shiftedIds = new OlistEventMapper(3000).mapAll(orders).stream().map(OlistEventMapperTest::id).toList();
        assertEquals(ids, shiftedIds);
        assertNotEquals(OlistEventMapper.eventId("o1", "shipment.created", "o1-1"),
                OlistEventMapper.eventId("o1", "shipment.status_changed", "o1-1"));
    }

    @Test
    void phoneNumbersAreStableE164() {
        assumeSample();
        for (OlistOrder order : orders) {
            String phone = OlistEventMapper.phone(order.customerUniqueId());
            assertTrue(E164.matcher(phone).matches(), phone);
            assertEquals(phone, OlistEventMapper.phone(order.customerUniqueId()));
        }
        assertEquals("+5511900000000".length(), OlistEventMapper.phone("x").length());
    }

    @Test
    void aTimeShiftMovesDatesAndInstantsByTheSameNumberOfDays() throws Exception {
        assumeSample();
        long days = 3000; // 2016-2018 to 2024-2026: Sao Paulo dropped daylight saving time in 2019
        List<ContractEvent> shifted = new OlistEventMapper(days).mapAll(orders);
        assertEquals(events.size(), shifted.size());
        Map<String, JsonNode> byId = new HashMap<>();
        for (ContractEvent event : shifted) {
            JsonNode node = JSON.readTree(event.json());
            byId.put(node.path("id").asText(), node);
        }
        for (ContractEvent event : events) {
            JsonNode original = JSON.readTree(event.json());
            JsonNode moved = byId.get(original.path("id").asText());
            Instant from = Instant.parse(original.path("time").asText());
            Instant to = Instant.parse(moved.path("time").asText());
            // The shift is on Sao Paulo wall-clock time, so the calendar date moves by exactly N days
            // and the instant by N days give or take the daylight-saving hour.
            assertEquals(from.atZone(SAO_PAULO).toLocalDate().plusDays(days), to.atZone(SAO_PAULO).toLocalDate());
            long driftMinutes = Duration.between(from.plus(Duration.ofDays(days)), to).toMinutes();
            assertTrue(Math.abs(driftMinutes) <= 60, "drift " + driftMinutes + " min in " + moved);
            if (original.path("type").asText().equals("order.placed")) {
                assertEquals(LocalDate.parse(original.path("data").path("promisedDeliveryDate").asText()).plusDays(days),
                        LocalDate.parse(moved.path("data").path("promisedDeliveryDate").asText()));
            }
        }
        // July 2017 (UTC-3, no daylight saving) to a date in 2025 (UTC-3): exactly 3000 days.
        Function<List<ContractEvent>, Instant> firstTime = list -> Instant.parse(readTime(list.get(0)));
        OlistOrder july = orders.get(0);
        assertEquals(firstTime.apply(new OlistEventMapper().map(july)).plus(Duration.ofDays(days)),
                firstTime.apply(new OlistEventMapper(days).map(july)));
    }

    @Test
    void parsesQuotedFieldsWithCommasQuotesAndLineBreaks() throws Exception {
        String csv = "\uFEFFid,text,n\r\n"
                + "1,\"a, b\",\"say \"\"hi\"\"\"\r\n"
                + "\n"
                + "2,\"two\nlines\r\nhere\",\n"
                + "3,\"\",x";
        assertEquals(List.of(
                List.of("id", "text", "n"),
                List.of("1", "a, b", "say \"hi\""),
                List.of("2", "two\nlines\r\nhere", ""),
                List.of("3", "", "x")), OlistDataset.parseCsv(csv));
        assertThrows(IllegalArgumentException.class, () -> OlistDataset.parseCsv("a,\"open\n"));

        assumeSample();
        // The reviews file has comments with commas, quotes and line breaks; every record must still have 7 fields.
        List<Map<String, String>> reviews = OlistDataset.readCsv(DIR.resolve("olist_order_reviews_dataset.csv"));
        assertEquals(8225, reviews.size());
        assertEquals(436, reviews.stream().filter(r -> r.values().stream().anyMatch(v -> v.contains("\n"))).count());
        assertTrue(reviews.stream().allMatch(r -> r.get("review_score").matches("[1-5]")));
    }

    @Test
    void publishSendsEveryEventKeyedByOrderAndCountsPerType() {
        assumeSample();
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        List<ContractEvent> sample = events.subList(0, 200);

        Map<String, Long> counts = ReplayCommand.publish(producer, sample);

        List<ProducerRecord<String, String>> sent = producer.history();
        assertEquals(sample.size(), sent.size());
        for (int i = 0; i < sample.size(); i++) {
            assertEquals(sample.get(i).topic(), sent.get(i).topic());
            assertEquals(sample.get(i).key(), sent.get(i).key());
            assertEquals(sample.get(i).json(), sent.get(i).value());
        }
        assertEquals(sample.size(), counts.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(sample.stream().filter(e -> e.type().equals("order.placed")).count(), counts.get("order.placed"));
    }

    @Test
    void publishFailsWhenASendFails() {
        // A broker that refuses everything: each pending send fails when flushed.
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new RuntimeException("broker down"))) {
                    // fail the next pending send
                }
            }
        };
        ContractEvent event = new ContractEvent("orders.v1", "o1", "{\"type\":\"order.placed\"}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReplayCommand.publish(producer, List.of(event)));
        assertTrue(e.getMessage().contains("order.placed of order o1") && e.getMessage().contains("broker down"),
                e.getMessage());
    }

    private static String id(ContractEvent event) {
        return readNode(event).path("id").asText();
    }

    private static String readTime(ContractEvent event) {
        return readNode(event).path("time").asText();
    }

    private static JsonNode readNode(ContractEvent event) {
        try {
            return JSON.readTree(event.json());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
