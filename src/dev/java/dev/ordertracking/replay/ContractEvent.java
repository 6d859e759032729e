package dev.ordertracking.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A contract event ready to publish: a structured-mode CloudEvent as the value, the order id as the key. */
public record ContractEvent(String topic, String key, String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The CloudEvents {@code type}, read back from the JSON (kept out of the components so the record stays the wire form). */
    public String type() {
        try {
            return JSON.readTree(json).path("type").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
