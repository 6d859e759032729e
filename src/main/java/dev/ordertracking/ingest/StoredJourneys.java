package dev.ordertracking.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.JourneyStore;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.StoredEvent;
import dev.ordertracking.platform.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Journeys rebuilt from their stored events: the same fold the ingestion uses, for readers that act on them. */
@ApplicationScoped
public class StoredJourneys {

    private final FactReader facts = new FactReader();
    private final JourneyStore store;
    private final ObjectMapper json;
    private final JourneyFolder folder;

    public StoredJourneys(JourneyStore store, ObjectMapper json, TrackingConfig config) {
        this.store = store;
        this.json = json;
        this.folder = new JourneyFolder(config.defaults().locale(), config.defaults().timeZone());
    }

    /** The current journeys of these orders; an order without its order.placed yet is absent. */
    public Map<String, Journey> load(Collection<String> orderIds) throws SQLException {
        Map<String, Journey> journeys = new HashMap<>();
        store.loadEvents(orderIds).forEach((orderId, events) -> folder
                .fold(events.stream().map(e -> recorded(e, null)).toList())
                .ifPresent(j -> journeys.put(orderId, j)));
        return journeys;
    }

    /** A stored event as the fold sees it; {@code known} saves reading its JSON again. */
    RecordedEvent recorded(StoredEvent e, JourneyFact known) {
        JourneyFact fact = known;
        if (fact == null) {
            try {
                fact = facts.read(e.type(), json.readTree(e.dataJson()));
            } catch (InvalidEventException | JsonProcessingException ex) {
                // Stored events were valid when accepted; failing here is a bug, not bad input.
                throw new IllegalStateException("stored event " + e.eventId() + " no longer reads: " + ex.getMessage(), ex);
            }
        }
        return new RecordedEvent(e.eventId(), e.type(), e.occurredAt(), e.receivedAt(), e.live(), fact);
    }
}
