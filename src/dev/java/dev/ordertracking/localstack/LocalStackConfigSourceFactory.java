package dev.ordertracking.localstack;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Points the service at the embedded local stack when {@code tracking.local-stack.enabled} is
 * true (the dev and test profiles) and nothing else is configured: a configured JDBC URL or Kafka
 * bootstrap always wins. Called by {@link dev.ordertracking.platform.ServiceConfigSourceFactory}; the
 * packaged application holds neither this package nor the embedded parts (see pom.xml).
 */
public class LocalStackConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isTrue(context.getValue("tracking.local-stack.enabled")) || !embeddedStackPresent()) {
            return List.of();
        }
        Path workDir = Path.of(valueOr(context.getValue("tracking.local-stack.work-dir"), "target/local-stack"));
        Map<String, String> props = new HashMap<>();
        if (isUnset(context.getValue("quarkus.datasource.jdbc.url"))) {
            props.put("quarkus.datasource.jdbc.url", LocalStack.postgres(workDir));
            props.put("quarkus.datasource.username", "postgres");
        }
        if (isUnset(context.getValue("kafka.bootstrap.servers"))) {
            List<String> topics = new ArrayList<>();
            String orders = valueOr(context.getValue("tracking.topics.orders"), "orders.v1");
            String shipments = valueOr(context.getValue("tracking.topics.shipments"), "shipments.v1");
            String dlq = valueOr(context.getValue("tracking.topics.dlq-suffix"), ".dlq");
            topics.addAll(List.of(orders, shipments, orders + dlq, shipments + dlq,
                    valueOr(context.getValue("tracking.topics.order-tracking"), "order-tracking.v1"),
                    valueOr(context.getValue("tracking.topics.customer-compensation"), "customer-compensation.v1")));
            int partitions = Integer.parseInt(valueOr(context.getValue("tracking.topics.partitions"), "4"));
            props.put("kafka.bootstrap.servers", LocalStack.kafka(workDir, topics, partitions));
        }
        if (isUnset(context.getValue("mp.jwt.verify.publickey.location"))
                && isUnset(context.getValue("mp.jwt.verify.publickey"))) {
            List<String> keys = LocalStack.jwtKeys(workDir);
            props.put("mp.jwt.verify.publickey.location", "file:" + keys.get(0));
            props.put("smallrye.jwt.sign.key.location", "file:" + keys.get(1));
        }
        if (isUnset(context.getValue("quarkus.oidc.console.auth-server-url"))) {
            LocalKeycloak.plan(Path.of(valueOr(context.getValue("tracking.local-stack.keycloak-dir"), "target/keycloak")),
                    Path.of(valueOr(context.getValue("tracking.local-stack.keycloak-realm"),
                            "src/main/keycloak/order-tracking-realm.json")),
                    workDir, optional(context.getValue("tracking.local-stack.keycloak-java-home"))).ifPresent(url -> {
                props.put("tracking.console.sign-in-enabled", "true");
                props.put("quarkus.oidc.console.auth-server-url", url);
                props.put("quarkus.oidc.console.client-id", LocalKeycloak.CLIENT_ID);
                props.put("quarkus.oidc.console.credentials.secret", LocalKeycloak.CLIENT_SECRET);
                // The local run logs in at once; tests start it when the first console test needs it.
                if ("at-startup".equals(valueOr(context.getValue("tracking.local-stack.keycloak-start"), "on-demand"))) {
                    LocalKeycloak.startInBackground();
                }
            });
        }
        return List.of(new PropertiesConfigSource(props, "order-tracking-local-stack", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean embeddedStackPresent() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false,
                    LocalStackConfigSourceFactory.class.getClassLoader());
            Class.forName("org.apache.kafka.common.test.KafkaClusterTestKit", false,
                    LocalStackConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean isTrue(ConfigValue value) {
        return value != null && "true".equalsIgnoreCase(value.getValue());
    }

    private static boolean isUnset(ConfigValue value) {
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }

    private static java.util.Optional<String> optional(ConfigValue value) {
        return isUnset(value) ? java.util.Optional.empty() : java.util.Optional.of(value.getValue());
    }

    private static String valueOr(ConfigValue value, String fallback) {
        return isUnset(value) ? fallback : value.getValue();
    }
}
