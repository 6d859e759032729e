package dev.ordertracking.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ordertracking.ingest.DeadLetterService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AsyncAPI document names the contract's topics and points at existing schema definitions. */
class AsyncApiDocumentTest {

    private static final String SCHEMA_REF = "./events-v1.schema.json#/$defs/";

    private final JsonNode doc = read();
    private final JsonNode schema = ContractSchema.readJson(ContractSchema.RESOURCE);

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ContractSchema.resourceText("contract/asyncapi.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void itIsAnAsyncApi3DocumentOfTheContractsTopics() {
        assertEquals("3.0.0", doc.get("asyncapi").asText());
        Set<String> addresses = new TreeSet<>();
        doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
        assertEquals(new TreeSet<>(List.of("orders.v1", "shipments.v1", "orders.v1.dlq", "shipments.v1.dlq",
                "order-tracking.v1", "customer-compensation.v1")), addresses);
    }

    @Test
    void everyEventMessageReferencesTheSchemaDefinitionOfItsType() {
        Map<String, String> typeByDef = new TreeMap<>();
        doc.get("components").get("messages").forEach(message -> {
            JsonNode ref = message.path("payload").path("schema").path("$ref");
            if (ref.isMissingNode()) {
                return; // the dead letter: the original bytes
            }
            assertTrue(ref.asText().startsWith(SCHEMA_REF), ref.asText());
            String def = ref.asText().substring(SCHEMA_REF.length());
            JsonNode definition = schema.get("$defs").get(def);
            assertTrue(definition != null, "no $defs/" + def + " in the schema");
            assertEquals(message.get("name").asText(), definition.at("/properties/type/const").asText(),
                    "message name = CloudEvents type");
            assertEquals("application/schema+json;version=draft-2020-12", message.at("/payload/schemaFormat").asText());
            typeByDef.put(def, message.get("name").asText());
        });
        assertEquals(Set.of("order.placed", "order.confirmed", "order.cancelled", "shipment.created",
                "shipment.status_changed", "coupon.issued", "order.delay_detected", "order.delivered"),
                Set.copyOf(typeByDef.values()));
    }

    @Test
    void eventsAreKeyedByOrderIdAndDeadLettersCarryTheServicesHeaders() {
        JsonNode traits = doc.at("/components/messageTraits");
        traits.forEach(t -> assertEquals("#/components/schemas/orderIdKey", t.at("/bindings/kafka/key/$ref").asText()));
        doc.at("/components/messages").forEach(m -> {
            if (!m.get("name").asText().equals("dead-letter")) {
                assertTrue(m.get("traits").get(0).get("$ref").asText().startsWith("#/components/messageTraits/"));
            }
        });
        List<String> required = new ArrayList<>();
        doc.at("/components/schemas/deadLetterHeaders/required").forEach(n -> required.add(n.asText()));
        assertEquals(List.of(DeadLetterService.REASON, DeadLetterService.SOURCE_TOPIC, DeadLetterService.SOURCE_PARTITION,
                DeadLetterService.SOURCE_OFFSET, DeadLetterService.DEAD_LETTERED_AT), required);
        assertEquals("#/components/schemas/deadLetterHeaders",
                doc.at("/components/messages/deadLetter/headers/$ref").asText());
    }
}
