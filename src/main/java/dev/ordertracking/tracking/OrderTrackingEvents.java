package dev.ordertracking.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The events the service publishes on {@code order-tracking.v1}, as CloudEvents for the outbox. */
@ApplicationScoped
public class OrderTrackingEvents {

    static final String SOURCE = "/order-tracking-service";
    public static final String ORDER_DELIVERED = "order.delivered";

    private final ObjectMapper json;
    private final TrackingConfig config;

    public OrderTrackingEvents(ObjectMapper json, TrackingConfig config) {
        this.json = json;
        this.config = config;
    }

    public List<OutboxMessage> of(JourneyChange change, Instant now) {
        List<OutboxMessage> out = new ArrayList<>();
        Journey j = change.after();
        if (change.becameDelivered()) {
            ObjectNode data = json.createObjectNode()
                    .put("orderId", j.orderId())
                    .put("deliveredAt", j.deliveredAt().toString())
                    .put("promisedDeliveryDate", j.promisedDeliveryDate().toString())
                    .put("onTime", j.onTime())
                    .put("orderToDeliveryHours", j.orderToDeliveryHours());
            // A stable id: the same delivery always yields the same event id, even if re-derived.
            String id = UUID.nameUUIDFromBytes((j.orderId() + "|" + ORDER_DELIVERED + "|" + j.deliveredAt())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            out.add(cloudEvent(id, ORDER_DELIVERED, j.orderId(), now, data));
        }
        return out;
    }

    private OutboxMessage cloudEvent(String id, String type, String orderId, Instant time, ObjectNode data) {
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
            return OutboxMessage.json(config.topics().orderTracking(), orderId, json.writeValueAsString(event), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
