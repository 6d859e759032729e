package dev.ordertracking.publishing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.outbox.CloudEventMessages;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The events the service publishes on {@code order-tracking.v1}, as CloudEvents for the outbox. */
@ApplicationScoped
public class OrderTrackingEvents {

    public static final String ORDER_DELIVERED = "order.delivered";
    public static final String ORDER_DELAY_DETECTED = "order.delay_detected";

    private final CloudEventMessages events;
    private final TrackingSettings config;

    public OrderTrackingEvents(CloudEventMessages events, TrackingSettings config) {
        this.events = events;
        this.config = config;
    }

    public List<OutboxMessage> of(JourneyChange change, Instant now) {
        List<OutboxMessage> out = new ArrayList<>();
        Journey j = change.after();
        if (change.becameDelivered()) {
            ObjectNode data = events.data()
                    .put("orderId", j.orderId())
                    .put("deliveredAt", j.deliveredAt().toString())
                    .put("promisedDeliveryDate", j.promisedDeliveryDate().toString())
                    .put("onTime", j.onTime())
                    .put("orderToDeliveryHours", j.orderToDeliveryHours());
            String id = CloudEventMessages.stableId(j.orderId(), ORDER_DELIVERED, j.deliveredAt().toString());
            out.add(events.message(config.topics().orderTracking(), id, ORDER_DELIVERED, j.orderId(), now, data));
        }
        return out;
    }

    /**
     * {@code order.delay_detected}: an incident about lateness opened, or its new date moved. The id
     * is derived from the incident and the date, so the same finding is one event.
     */
    public OutboxMessage delayDetected(String orderId, UUID incidentId, String reason, LocalDate promised,
                                       LocalDate newEstimate, Instant detectedAt) {
        ObjectNode data = events.data()
                .put("orderId", orderId)
                .put("reason", reason)
                .put("promisedDeliveryDate", promised == null ? null : promised.toString())
                .put("newEstimatedDeliveryDate", newEstimate == null ? null : newEstimate.toString())
                .put("detectedAt", detectedAt.toString())
                .put("incidentId", incidentId.toString());
        String id = CloudEventMessages.stableId(orderId, ORDER_DELAY_DETECTED, incidentId.toString(),
                String.valueOf(newEstimate));
        return events.message(config.topics().orderTracking(), id, ORDER_DELAY_DETECTED, orderId, detectedAt, data);
    }
}
