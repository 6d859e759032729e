package dev.ordertracking.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ordertracking.platform.TrackingSettings;
import dev.ordertracking.testing.Required;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * k8s/ against the application's own configuration: ports, probe and metrics paths, environment
 * variable names (each must be a documented setting), topic names, and the security settings a
 * production Deployment needs. Overlays are built with {@code kubectl kustomize} (kubectl on PATH, or
 * system property {@code kubectl}); without it that test is skipped, or fails under CI.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path K8S = Path.of("k8s");
    /** Container settings that are not the application's (the image's JVM options). */
    private static final Set<String> CONTAINER_ONLY = Set.of("JAVA_OPTS_APPEND");

    @Inject
    TrackingSettings config;

    /** The production ports: application.properties' own values (tests run on random ones). */
    private final int httpPort = Integer.parseInt(productionSetting("quarkus.http.port", "8080"));
    private final int managementPort = Integer.parseInt(productionSetting("quarkus.management.port", "9000"));

    // Build-time settings: read from application.properties when set there, else Quarkus' defaults.
    @ConfigProperty(name = "quarkus.management.enabled", defaultValue = "false")
    boolean managementEnabled;

    @ConfigProperty(name = "quarkus.management.root-path", defaultValue = "q")
    String nonApplicationRoot;

    @ConfigProperty(name = "quarkus.smallrye-health.root-path", defaultValue = "health")
    String healthRoot;

    @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "metrics")
    String metricsPath;

    private static String productionSetting(String key, String fallback) {
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties.getProperty(key, fallback);
    }

    private String path(String... parts) {
        return "/" + Stream.concat(Stream.of(nonApplicationRoot), Stream.of(parts))
                .map(p -> p.replaceAll("^/+|/+$", "")).collect(Collectors.joining("/"));
    }

    private static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    private static List<JsonNode> base() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        JsonNode kustomization = readAll(K8S.resolve("base/kustomization.yaml")).get(0);
        for (JsonNode resource : kustomization.get("resources")) {
            Path file = K8S.resolve("base").resolve(resource.asText());
            assertTrue(Files.isRegularFile(file), "listed in the base: " + file);
            docs.addAll(readAll(file));
        }
        return docs;
    }

    private static Map<String, JsonNode> byKindAndName(List<JsonNode> docs) {
        Map<String, JsonNode> map = new HashMap<>();
        docs.forEach(d -> map.put(d.path("kind").asText() + "/" + d.at("/metadata/name").asText(), d));
        return map;
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    @Test
    void theDeploymentMatchesTheApplication() throws Exception {
        List<JsonNode> docs = base();
        JsonNode deployment = ofKind(docs, "Deployment").get(0);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertTrue(managementEnabled, "health and metrics on their own port");
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertEquals(Map.of("http", httpPort, "management", managementPort), ports);
        assertEquals(path(healthRoot, "started"), container.at("/startupProbe/httpGet/path").asText());
        assertEquals(path(healthRoot, "ready"), container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(path(healthRoot, "live"), container.at("/livenessProbe/httpGet/path").asText());
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("management", container.at("/" + probe + "/httpGet/port").asText(), probe);
        }
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertNotEquals(0, pod.at("/securityContext/runAsUser").asInt(0));
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertTrue(container.at("/resources/requests/memory").isTextual() && container.at("/resources/limits/memory").isTextual());
        assertTrue(container.at("/resources/requests/cpu").isTextual());
        assertTrue(pod.path("terminationGracePeriodSeconds").asInt() >= 30, "time to drain a batch");

        Map<String, JsonNode> services = byKindAndName(docs);
        JsonNode service = services.get("Service/order-tracking-service");
        assertEquals(List.of("http"), targetPorts(service), "the application's Service exposes no /q/*");
        JsonNode monitor = ofKind(docs, "ServiceMonitor").get(0);
        assertEquals(path(metricsPath), monitor.at("/spec/endpoints/0/path").asText());
        assertEquals("management", monitor.at("/spec/endpoints/0/port").asText());
        List<JsonNode> scraped = ofKind(docs, "Service").stream().filter(s -> selects(monitor, s)).toList();
        assertEquals(1, scraped.size(), "the ServiceMonitor selects one Service");
        assertEquals(List.of("management"), targetPorts(scraped.get(0)));
        assertEquals("management", scraped.get(0).at("/spec/ports/0/name").asText(), "the port the monitor names");
        JsonNode hpa = ofKind(docs, "HorizontalPodAutoscaler").get(0);
        assertEquals(deployment.at("/metadata/name").asText(), hpa.at("/spec/scaleTargetRef/name").asText());
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2, "two replicas at least, so one can go");
        assertEquals(1, ofKind(docs, "PodDisruptionBudget").size());
        JsonNode policy = ofKind(docs, "NetworkPolicy").get(0);
        Set<Integer> egress = new HashSet<>();
        policy.at("/spec/egress").forEach(rule -> rule.path("ports").forEach(p -> egress.add(p.path("port").asInt())));
        assertTrue(egress.containsAll(List.of(53, 9092, 5432, 443, 587)), "DNS, Kafka, PostgreSQL, HTTPS, SMTP: " + egress);
        Set<Integer> ingress = new HashSet<>();
        policy.at("/spec/ingress").forEach(rule -> rule.path("ports").forEach(p -> ingress.add(p.path("port").asInt())));
        assertEquals(Set.of(httpPort, managementPort), ingress, "the application and Prometheus get in");
        policy.at("/spec/ingress").forEach(rule -> {
            boolean management = rule.path("ports").findValuesAsText("port").contains(Integer.toString(managementPort));
            assertTrue(!management || rule.path("from").size() > 0, "the management port is not open to everyone");
        });
    }

    private static List<String> targetPorts(JsonNode service) {
        List<String> ports = new ArrayList<>();
        service.at("/spec/ports").forEach(p -> ports.add(p.path("targetPort").asText()));
        return ports;
    }

    /** Whether the monitor's label selector matches the Service's labels (as written in the base). */
    private static boolean selects(JsonNode monitor, JsonNode service) {
        JsonNode wanted = monitor.at("/spec/selector/matchLabels");
        JsonNode labels = service.at("/metadata/labels");
        List<String> names = new ArrayList<>();
        wanted.fieldNames().forEachRemaining(names::add);
        // The base's kustomization adds app.kubernetes.io/name to every resource.
        return names.stream().allMatch(n -> n.equals("app.kubernetes.io/name")
                || wanted.path(n).asText().equals(labels.path(n).asText(null)));
    }

    @Test
    void everyEnvironmentVariableIsADocumentedSettingAndNoSecretIsCommitted() throws Exception {
        DocumentedSettings documented = DocumentedSettings.fromConfigurationPage();
        assertTrue(documented.size() > 50, "the configuration page's table was read");
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                docs.addAll(readAll(file));
            }
        }
        assertTrue(ofKind(docs, "Secret").isEmpty(), "no Secret values in k8s/");
        Set<String> names = new HashSet<>();
        for (JsonNode map : ofKind(docs, "ConfigMap")) {
            map.path("data").fieldNames().forEachRemaining(names::add);
        }
        for (JsonNode deployment : ofKind(docs, "Deployment")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                for (JsonNode env : container.path("env")) {
                    names.add(env.path("name").asText());
                    if (env.has("value")) {
                        assertFalse(env.path("name").asText().matches(".*(PASSWORD|SECRET|TOKEN|KEY).*"),
                                env.path("name").asText() + " must come from a Secret");
                    }
                }
            }
        }
        List<String> unknown = names.stream().filter(n -> !CONTAINER_ONLY.contains(n) && !documented.documents(n))
                .sorted().toList();
        assertTrue(unknown.isEmpty(), "not settings of this service (docs/configuration.md, Settings): " + unknown);
    }

    @Test
    void strimziTopicsAreTheOnesTheServiceReadsAndWrites() throws Exception {
        List<JsonNode> docs = base();
        Map<String, JsonNode> topics = ofKind(docs, "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.at("/metadata/name").asText(), t -> t));
        TrackingSettings.Topics t = config.topics();
        Set<String> expected = Set.of(t.orders(), t.shipments(), t.orders() + t.dlqSuffix(),
                t.shipments() + t.dlqSuffix(), t.orderTracking(), t.customerCompensation());
        assertEquals(expected, topics.keySet());
        assertEquals(topics.get(t.orders()).at("/spec/partitions").asInt(),
                topics.get(t.shipments()).at("/spec/partitions").asInt(), "an order's events meet on one consumer");
        topics.values().forEach(topic -> assertTrue(topic.at("/spec/config/retention.ms").asLong() > 0));

        JsonNode configMap = byKindAndName(docs).get("ConfigMap/order-tracking-service").path("data");
        assertEquals("false", configMap.path("TRACKING_TOPICS_CREATE").asText(), "Strimzi owns the topics");
        assertEquals(t.orders(), configMap.path("TRACKING_TOPICS_ORDERS").asText());
        assertEquals(t.shipments(), configMap.path("TRACKING_TOPICS_SHIPMENTS").asText());
        assertEquals(t.orderTracking(), configMap.path("TRACKING_TOPICS_ORDER_TRACKING").asText());
        assertEquals(t.customerCompensation(), configMap.path("TRACKING_TOPICS_CUSTOMER_COMPENSATION").asText());
        assertEquals(t.dlqSuffix(), configMap.path("TRACKING_TOPICS_DLQ_SUFFIX").asText());
    }

    @Test
    void overlaysBuildWithKustomize() throws Exception {
        for (String overlay : List.of("dev", "prod")) {
            JsonNode kustomization = readAll(K8S.resolve("overlays").resolve(overlay).resolve("kustomization.yaml")).get(0);
            Map<String, JsonNode> base = byKindAndName(base());
            for (JsonNode patch : kustomization.path("patches")) {
                if (patch.has("path")) {
                    JsonNode doc = readAll(K8S.resolve("overlays").resolve(overlay).resolve(patch.path("path").asText())).get(0);
                    String key = doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText();
                    assertTrue(base.containsKey(key), overlay + " patches " + key + ", which the base has");
                }
            }
        }
        Optional<Path> found = Required.executable("kubectl", "kubectl");
        Required.tool("kubectl", found.isPresent(), "it builds the overlays (kubectl kustomize); .ci/run installs it");
        Path kubectl = found.get();
        for (String overlay : List.of("dev", "prod")) {
            Process build = new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve("overlays/" + overlay).toString())
                    .redirectErrorStream(true).start();
            String out = new String(build.getInputStream().readAllBytes());
            assertTrue(build.waitFor(60, TimeUnit.SECONDS) && build.exitValue() == 0, overlay + ": " + out);
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(YAML.getFactory().createParser(out), JsonNode.class).forEachRemaining(docs::add);
            JsonNode deployment = ofKind(docs, "Deployment").get(0);
            assertEquals(deployment.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels"),
                    overlay + ": the Deployment selects its own pods");
            assertEquals(overlay.equals("dev") ? 1 : 3, deployment.at("/spec/replicas").asInt());
            ofKind(docs, "KafkaTopic").forEach(topic -> assertEquals(overlay.equals("dev") ? 1 : 3,
                    topic.at("/spec/replicas").asInt(), overlay + " " + topic.at("/metadata/name")));
            assertEquals("order-tracking" + (overlay.equals("dev") ? "-dev" : ""),
                    deployment.at("/metadata/namespace").asText());
        }
    }
}
