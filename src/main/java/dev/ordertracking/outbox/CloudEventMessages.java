package dev.ordertracking.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events the service publishes, as structured-mode CloudEvents 1.0 ready for the outbox. */
@ApplicationScoped
public class CloudEventMessages {

    public static final String SOURCE = "/order-tracking-service";

    private final ObjectMapper json;

    public CloudEventMessages(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode data() {
        return json.createObjectNode();
    }

    /** A stable event id: the same fact always yields the same id, even when derived again. */
    public static String stableId(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** An event keyed by its order id, so one order's events stay in one partition. */
    public OutboxMessage message(String topic, String id, String type, String orderId, Instant time, ObjectNode data) {
        ObjectNode event = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", SOURCE)
                .put("type", type)
                .put("time", time.toString())
                .put("subject", orderId)
                .put("datacontenttype", "application/json");
        event.set("data", data);
        try {
            return OutboxMessage.json(topic, orderId, json.writeValueAsString(event), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
