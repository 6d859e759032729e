package dev.ordertracking.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak from its Maven Central distribution (unpacked by the build into {@code target/keycloak}),
 * run as a separate process on loopback with the realm in {@code src/main/keycloak}: the OIDC
 * provider the support console logs in with during the local run and the tests.
 *
 * <p>Planning (a free port, the realm URL) happens when configuration is read; the process itself
 * starts either at once in the background (local run) or when a test first needs it, so the rest
 * of the suite never waits for it. State lives in system properties: Quarkus reads configuration
 * from several class loaders in one JVM, and tests call {@link #ensureRunning} from theirs.
 */
public final class LocalKeycloak {

    public static final String REALM = "order-tracking";
    public static final String CLIENT_ID = "order-tracking-console";
    /** The local realm's client secret: a throw-away value for loopback use only. */
    public static final String CLIENT_SECRET = "local-console-secret";

    private static final String PORT = "ordertracking.localstack.keycloak.port";
    private static final String DIST = "ordertracking.localstack.keycloak.dist";
    private static final String JAVA = "ordertracking.localstack.keycloak.java-home";
    private static final String REALM_FILE = "ordertracking.localstack.keycloak.realm-file";
    private static final String LOG = "ordertracking.localstack.keycloak.log";
    private static final String STARTED = "ordertracking.localstack.keycloak.started";
    private static final String BUILT_MARKER = ".built-for-local-stack";
    private static final Object JVM_WIDE_LOCK = "dev.ordertracking.localstack.LocalKeycloak";

    private LocalKeycloak() {
    }

    /**
     * Chooses the port and remembers where everything is; returns the realm's URL, or empty (with
     * the reason on stderr) when there is no distribution or no Java 21+ to run it with.
     */
    static Optional<String> plan(Path distParent, Path realmFile, Path workDir, Optional<String> javaHome) {
        synchronized (JVM_WIDE_LOCK) {
            if (System.getProperty(PORT) == null) {
                Optional<Path> dist = distribution(distParent);
                Optional<Path> java = javaHome.map(Path::of).or(LocalKeycloak::java21OrLater);
                if (dist.isEmpty() || java.isEmpty() || !Files.isRegularFile(realmFile)) {
                    System.err.println("[local-stack] no support console login: "
                            + (dist.isEmpty() ? "no Keycloak distribution under " + distParent
                            + " (./mvnw generate-resources unpacks it)"
                            : java.isEmpty() ? "Keycloak needs Java 21 or later; none found (set "
                            + "tracking.local-stack.keycloak-java-home)" : "no realm file " + realmFile));
                    return Optional.empty();
                }
                System.setProperty(DIST, dist.get().toAbsolutePath().toString());
                System.setProperty(JAVA, java.get().toAbsolutePath().toString());
                System.setProperty(REALM_FILE, realmFile.toAbsolutePath().toString());
                System.setProperty(LOG, workDir.resolve("keycloak.log").toAbsolutePath().toString());
                System.setProperty(PORT, Integer.toString(freePort()));
            }
            return Optional.of(realmUrl());
        }
    }

    /** Starts the planned Keycloak in the background, once per JVM. */
    static void startInBackground() {
        Thread starter = new Thread(() -> {
            try {
                ensureRunning(Duration.ofMinutes(3));
            } catch (RuntimeException e) {
                System.err.println("[local-stack] Keycloak did not start: " + e.getMessage());
            }
        }, "local-keycloak-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Starts the planned Keycloak if it is not running yet and waits until its realm answers.
     * Returns the realm URL.
     */
    public static String ensureRunning(Duration timeout) {
        synchronized (JVM_WIDE_LOCK) {
            if (System.getProperty(PORT) == null) {
                throw new IllegalStateException("no local Keycloak was planned (see the [local-stack] message)");
            }
            if (System.getProperty(STARTED) == null) {
                start();
                System.setProperty(STARTED, "true");
            }
        }
        awaitRealm(timeout);
        return realmUrl();
    }

    public static Optional<String> plannedRealmUrl() {
        return System.getProperty(PORT) == null ? Optional.empty() : Optional.of(realmUrl());
    }

    private static String realmUrl() {
        return "http://localhost:" + System.getProperty(PORT) + "/realms/" + REALM;
    }

    private static void start() {
        Path dist = Path.of(System.getProperty(DIST));
        Path log = Path.of(System.getProperty(LOG));
        try {
            Files.createDirectories(log.getParent());
            Path imports = Files.createDirectories(dist.resolve("data/import"));
            Files.copy(Path.of(System.getProperty(REALM_FILE)), imports.resolve(REALM + "-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            // The build step (about 20 s) is needed once per unpacked distribution, not per start.
            if (!Files.exists(dist.resolve(BUILT_MARKER))) {
                run(dist, log, List.of("build", "--db=dev-mem"), Duration.ofMinutes(3));
                Files.writeString(dist.resolve(BUILT_MARKER), Instant.now().toString());
            }
            Process server = process(dist, log, List.of("start", "--optimized", "--http-enabled=true",
                    "--http-host=127.0.0.1", "--http-port=" + System.getProperty(PORT),
                    "--hostname-strict=false", "--import-realm")).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.descendants().forEach(ProcessHandle::destroy);
                server.destroy();
            }, "local-keycloak-stop"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Keycloak from " + dist + " (log: " + log + ")", e);
        }
    }

    private static void run(Path dist, Path log, List<String> args, Duration timeout) throws IOException {
        try {
            Process p = process(dist, log, args).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("kc.sh " + String.join(" ", args) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running kc.sh " + args, e);
        }
    }

    private static ProcessBuilder process(Path dist, Path log, List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of("bash", dist.resolve("bin/kc.sh").toString()), args.stream()).toList())
                .directory(dist.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty(JAVA));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return builder;
    }

    private static void awaitRealm(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant giveUp = Instant.now().plus(timeout);
        while (Instant.now().isBefore(giveUp)) {
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak did not answer at " + realmUrl() + " within " + timeout
                + "; see " + System.getProperty(LOG));
    }

    private static Optional<Path> distribution(Path parent) {
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** This JVM when it is 21 or later, else the newest JDK 21+ under /usr/lib/jvm. */
    static Optional<Path> java21OrLater() {
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
                    .filter(h -> major(h) >= 21)
                    .max(Comparator.comparingInt(LocalKeycloak::major));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int major(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for Keycloak", e);
        }
    }
}
