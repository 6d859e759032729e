package dev.ordertracking.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The test run's real broker (the service's own local stack), for producing and reading records. */
public final class LocalKafka {

    public static final String ORDERS = "orders.v1";
    public static final String SHIPMENTS = "shipments.v1";

    private static KafkaProducer<String, byte[]> producer;
    private static KafkaCompanion companion;

    private LocalKafka() {
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(bootstrapServers());
        }
        return companion;
    }

    public static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Sends a structured-mode event to the topic its type belongs to, keyed by its subject. */
    public static void send(ObjectNode event) {
        String topic = event.get("type").asText().startsWith("shipment.") ? SHIPMENTS : ORDERS;
        send(topic, event.get("subject").asText(), event.toString().getBytes(StandardCharsets.UTF_8), List.of());
    }

    public static void send(String topic, String key, byte[] value, List<RecordHeader> headers) {
        try {
            producer().send(new ProducerRecord<>(topic, null, key, value, List.copyOf(headers))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    public static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
