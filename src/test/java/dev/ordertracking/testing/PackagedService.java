package dev.ordertracking.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, production profile) as a child
 * process, configured through environment variables as in a deployment. {@code port} serves the
 * application, {@code managementPort} {@code /q/*} (health, metrics, OpenAPI).
 */
public record PackagedService(Process process, int port, int managementPort, Path log) implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What an HTTP request answered: -1 as status when it got no answer. */
    public record Answer(int status, String body) {
    }

    /**
     * The settings of a test run against one broker and database, the Twilio stand-in and a mail
     * server: no quiet hours, short polls, a lease short enough to see a dead replica's claims run
     * out within a test (a send may only start in its first three quarters; the Twilio timeout fits
     * the rest), topics made by the test.
     */
    public static Map<String, String> testSettings(String bootstrapServers, String jdbcUrl, TwilioStandIn twilio,
                                                   GreetingDelayRelay mailRelay) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("TWILIO_ACCOUNT_SID", twilio.accountSid());
        env.put("TWILIO_AUTH_TOKEN", twilio.authToken());
        env.put("TWILIO_FROM", "+15550001000");
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("QUARKUS_MAILER_FROM", "orders@shop.example");
        env.put("QUARKUS_MAILER_HOST", mailRelay.host());
        env.put("QUARKUS_MAILER_PORT", Integer.toString(mailRelay.port()));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_LOGIN", "DISABLED");
        env.put("TRACKING_NOTIFICATIONS_QUIET_HOURS_ENABLED", "false");
        env.put("TRACKING_NOTIFICATIONS_LINK_SIGNING_KEY", "packaged-test-signing-key-0123456789abcdef");
        // Production refuses to start with links to localhost (ProductionSettingsCheck).
        env.put("TRACKING_PUBLIC_BASE_URL", "https://track.shop.example");
        env.put("TRACKING_NOTIFICATIONS_DISPATCH_LEASE", "PT30S");
        env.put("TWILIO_TIMEOUT", "PT5S");
        env.put("TRACKING_NOTIFICATIONS_DISPATCH_IDLE_POLL", "PT0.2S");
        env.put("TRACKING_OUTBOX_IDLE_POLL", "PT0.2S");
        env.put("TRACKING_DELAYS_DEADLINES_CHECK_INTERVAL", "PT2S");
        env.put("TRACKING_TOPICS_CREATE", "false");
        return env;
    }

    /** Starts it with these settings and waits until it is ready. */
    public static PackagedService launch(Path log, Map<String, String> env) throws IOException, InterruptedException {
        int port = freePort();
        int managementPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        PackagedService service = new PackagedService(builder.start(), port, managementPort, log);
        Instant deadline = Instant.now().plusSeconds(90);
        while (service.management("/q/health/ready").status() != 200) {
            if (!service.process().isAlive() || Instant.now().isAfter(deadline)) {
                service.close();
                throw new IllegalStateException("the service did not become ready; see " + log);
            }
            Thread.sleep(250);
        }
        return service;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A GET on the application's port. */
    public Answer get(String path) {
        return get(port, path);
    }

    /** A GET on the management port ({@code /q/*}). */
    public Answer management(String path) {
        return get(managementPort, path);
    }

    private static Answer get(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within its grace period. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
