package dev.ordertracking.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Settings that depend on other settings:
 * <ul>
 * <li>Traces are exported only where a collector is configured
 * ({@code quarkus.otel.exporter.otlp.endpoint} or {@code ...traces.endpoint}): without one the
 * OpenTelemetry SDK is off, instead of the exporter trying {@code localhost:4317} every few seconds
 * and logging each failure. An explicit {@code QUARKUS_OTEL_SDK_DISABLED} still wins.</li>
 * <li>The embedded local stack of {@code quarkus:dev} and the tests, when its classes are there:
 * the package phase leaves them out of the application (see pom.xml).</li>
 * </ul>
 */
public class ServiceConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 260;
    private static final String LOCAL_STACK = "dev.ordertracking.localstack.LocalStackConfigSourceFactory";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<ConfigSource> sources = new ArrayList<>();
        if (isUnset(context.getValue("quarkus.otel.exporter.otlp.endpoint"))
                && isUnset(context.getValue("quarkus.otel.exporter.otlp.traces.endpoint"))
                // The tests export to memory, with the OTLP exporter left out of their build.
                && !"false".equalsIgnoreCase(valueOf(context.getValue("quarkus.otel.exporter.otlp.enabled")))) {
            sources.add(new PropertiesConfigSource(Map.of("quarkus.otel.sdk.disabled", "true"),
                    "order-tracking-no-trace-collector", ORDINAL));
        }
        localStack().ifPresent(factory -> factory.getConfigSources(context).forEach(sources::add));
        return sources;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static java.util.Optional<ConfigSourceFactory> localStack() {
        try {
            Class<?> type = Class.forName(LOCAL_STACK, true, ServiceConfigSourceFactory.class.getClassLoader());
            return java.util.Optional.of((ConfigSourceFactory) type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException packaged) {
            return java.util.Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set up the local stack", e);
        }
    }

    private static String valueOf(ConfigValue value) {
        return value == null ? null : value.getValue();
    }

    private static boolean isUnset(ConfigValue value) {
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }
}
