package dev.ordertracking.journey;

import dev.ordertracking.platform.TrackingSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Journeys rebuilt from their stored events: the same fold the ingestion uses, for readers that act on them. */
@ApplicationScoped
public class StoredJourneys {

    private final JourneyStore store;
    private final StoredFactReader facts;
    private final JourneyFolder folder;

    public StoredJourneys(JourneyStore store, StoredFactReader facts, TrackingSettings config) {
        this.store = store;
        this.facts = facts;
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
    public RecordedEvent recorded(StoredEvent e, JourneyFact known) {
        JourneyFact fact = known != null ? known : facts.read(e);
        return new RecordedEvent(e.eventId(), e.type(), e.occurredAt(), e.receivedAt(), e.live(), fact);
    }
}
