package dev.ordertracking.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A record to publish, written in the same transaction as the change that causes it. */
public record OutboxMessage(String topic, String key, byte[] payload, List<Header> headers) {

    public record Header(String name, byte[] value) {
        public static Header text(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static OutboxMessage json(String topic, String key, String json, List<Header> headers) {
        List<Header> all = new ArrayList<>(headers);
        all.add(Header.text("content-type", "application/cloudevents+json"));
        return new OutboxMessage(topic, key, json.getBytes(StandardCharsets.UTF_8), all);
    }
}
