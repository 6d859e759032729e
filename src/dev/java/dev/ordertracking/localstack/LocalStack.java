package dev.ordertracking.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The real parts the service needs, started in this JVM for the local run and the tests: a
 * single-node KRaft Kafka broker and PostgreSQL from embedded binaries, plus a throw-away RSA key
 * pair for signing and verifying local JWTs. Only what is not configured elsewhere is started.
 *
 * <p>Quarkus may read configuration from several class loaders in one JVM (build, runtime, dev
 * reloads), so what was started is remembered in system properties and reused, never started twice.
 */
final class LocalStack {

    static final String JDBC_URL = "ordertracking.localstack.jdbc-url";
    static final String BOOTSTRAP = "ordertracking.localstack.bootstrap-servers";
    static final String PUBLIC_KEY = "ordertracking.localstack.public-key";
    static final String PRIVATE_KEY = "ordertracking.localstack.private-key";

    private LocalStack() {
    }

    /**
     * One lock for the whole JVM, whichever class loader runs this: string literals are interned
     * JVM-wide. Never the system properties' own lock: the broker sets system properties (the
     * default time zone) from its own threads while it starts, which would deadlock.
     */
    private static final Object JVM_WIDE_LOCK = "dev.ordertracking.localstack.LocalStack";

    static String postgres(Path workDir) {
        synchronized (JVM_WIDE_LOCK) {
            if (System.getProperty(JDBC_URL) == null) {
                logToFile(workDir);
                System.setProperty(JDBC_URL, startPostgres(workDir));
            }
            return System.getProperty(JDBC_URL);
        }
    }

    static String kafka(Path workDir, Collection<String> topics, int partitions) {
        synchronized (JVM_WIDE_LOCK) {
            if (System.getProperty(BOOTSTRAP) == null) {
                logToFile(workDir);
                System.setProperty(BOOTSTRAP, startKafka(workDir, topics, partitions));
            }
            return System.getProperty(BOOTSTRAP);
        }
    }

    /** The loggers of the broker and of PostgreSQL's output (and of its initdb). */
    private static final List<String> STACK_LOGGERS = List.of("kafka", "state.change.logger", "org.apache.kafka",
            "io.zonky");
    private static final List<java.util.logging.Logger> ROUTED = new java.util.ArrayList<>();

    /**
     * The parts start while configuration is read, before the application's logging is set up:
     * until then their loggers write to {@code <work-dir>/startup.log} instead of the console.
     * (Afterwards application.properties routes them to target/local-stack.log.)
     */
    private static void logToFile(Path workDir) {
        if (!ROUTED.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(workDir);
            java.util.logging.FileHandler file = new java.util.logging.FileHandler(
                    workDir.resolve("startup.log").toAbsolutePath().toString(), true);
            file.setFormatter(new java.util.logging.SimpleFormatter());
            for (String name : STACK_LOGGERS) {
                java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
                logger.setUseParentHandlers(false);
                logger.addHandler(file);
                ROUTED.add(logger); // a strong reference keeps the settings
            }
        } catch (IOException e) {
            System.err.println("[local-stack] logs stay on the console: " + e.getMessage());
        }
    }

    /** Writes a key pair for local tokens; returns {public key path, private key path}. */
    static List<String> jwtKeys(Path workDir) {
        synchronized (JVM_WIDE_LOCK) {
            return writeJwtKeys(workDir);
        }
    }

    private static List<String> writeJwtKeys(Path workDir) {
        if (System.getProperty(PUBLIC_KEY) == null) {
            try {
                Path dir = Files.createDirectories(workDir.resolve("jwt"));
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path pub = dir.resolve("public-key.pem");
                Path priv = dir.resolve("private-key.pem");
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                System.setProperty(PUBLIC_KEY, pub.toAbsolutePath().toString());
                System.setProperty(PRIVATE_KEY, priv.toAbsolutePath().toString());
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot write local JWT keys under " + workDir, e);
            }
        }
        return List.of(System.getProperty(PUBLIC_KEY), System.getProperty(PRIVATE_KEY));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String startPostgres(Path workDir) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("postgres"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir.toFile())
                    .setDataDirectory(dir.resolve("data-" + ProcessHandle.current().pid()))
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "30min")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is going away; the data directory is throw-away.
                }
            }, "local-postgres-stop"));
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL under " + workDir, e);
        }
    }

    private static String startKafka(Path workDir, Collection<String> topics, int partitions) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("kafka"));
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(Files.createTempDirectory(dir, "node-"))
                    .build())
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("log.flush.interval.messages", Long.toString(Long.MAX_VALUE))
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // The JVM is going away; the log directories are throw-away.
                }
            }, "local-kafka-stop"));
            createTopics(cluster.bootstrapServers(), topics, partitions);
            // Where local tools (the replay command) find this broker; its port is chosen at start.
            Files.writeString(dir.resolve("bootstrap-servers"), cluster.bootstrapServers());
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker under " + workDir, e);
        }
    }

    /** Topics exist before the service subscribes, with the partitions the run wants. */
    private static void createTopics(String bootstrap, Collection<String> topics, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            admin.createTopics(topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }
}
