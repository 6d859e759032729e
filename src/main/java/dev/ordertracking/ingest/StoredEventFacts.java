package dev.ordertracking.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.StoredEvent;
import dev.ordertracking.journey.StoredFactReader;
import jakarta.enterprise.context.ApplicationScoped;

/** Stored events' data read with the same contract reader that accepted them. */
@ApplicationScoped
public class StoredEventFacts implements StoredFactReader {

    private final FactReader facts = new FactReader();
    private final ObjectMapper json;

    public StoredEventFacts(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public JourneyFact read(StoredEvent e) {
        try {
            return facts.read(e.type(), json.readTree(e.dataJson()));
        } catch (InvalidEventException | JsonProcessingException ex) {
            // Stored events were valid when accepted; failing here is a bug, not bad input.
            throw new IllegalStateException("stored event " + e.eventId() + " no longer reads: " + ex.getMessage(), ex);
        }
    }
}
