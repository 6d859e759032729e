package dev.ordertracking.ingest;

import dev.ordertracking.platform.TrackingSettings;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Creates the topics the service reads and writes when they are missing (if enabled). */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final TrackingSettings config;
    private final Map<String, Object> kafkaConfig;

    public TopicSetup(TrackingSettings config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.topics().create()) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        // Its own deadline, like the waits below (the shared setting is short, for the health check).
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topicNames(config.topics()).stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, config.topics().partitions(), config.topics().replicationFactor()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
            }
        } catch (Exception e) {
            // Not fatal: topics may be managed elsewhere or created by a peer replica.
            LOG.warnf("Could not check or create topics: %s", e.toString());
        }
    }

    public static List<String> topicNames(TrackingSettings.Topics t) {
        return List.of(t.orders(), t.shipments(), t.orders() + t.dlqSuffix(), t.shipments() + t.dlqSuffix(),
                t.orderTracking(), t.customerCompensation());
    }
}
