package dev.ordertracking.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The project's JSON Schema of the event contract (src/main/resources/contract), ready to validate. */
final class ContractSchema {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "https://ordertracking.dev/contract/events-v1.schema.json";
    static final String RESOURCE = "contract/events-v1.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    // The schema is served from the classpath under its $id; nothing is fetched.
                    .schemas(Map.of(ID, resourceText(RESOURCE)))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            // draft 2020-12 treats "format" as an annotation unless asked to assert it
                            .formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_POINTER)
                            .build()));

    private static final Schema ROOT = REGISTRY.getSchema(SchemaLocation.of(ID));

    private ContractSchema() {
    }

    /** The root schema: any contract event, data selected by type. */
    static Schema root() {
        return ROOT;
    }

    /** One of the schema's {@code $defs}, e.g. {@code publishedEvent}. */
    static Schema def(String name) {
        return REGISTRY.getSchema(SchemaLocation.of(ID + "#/$defs/" + name));
    }

    static List<Error> validate(JsonNode event) {
        return ROOT.validate(event);
    }

    static ObjectNode example(String name) {
        return (ObjectNode) readJson("contract/examples/" + name + ".json");
    }

    static JsonNode readJson(String resource) {
        try {
            return JSON.readTree(resourceText(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(String resource) {
        try (InputStream in = ContractSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
