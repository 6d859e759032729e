package dev.ordertracking.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) as a separate {@code java}
 * process, from the broker classes on the test classpath. Unlike the in-process test kit it can be
 * killed and started again on the same ports and the same log directory, as a broker restart in
 * production would be.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path config;
    private final int port;
    private int starts;
    private Process process;

    private KafkaBrokerProcess(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /** Writes the configuration and formats the log directory under {@code dir}; not started yet. */
    public static KafkaBrokerProcess format(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        int controllerPort = freePort();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("logs").toAbsolutePath(),
                "num.partitions=4",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Without this every new consumer group waits 3 s before its first assignment.
                "group.initial.rebalance.delay.ms=0",
                ""));
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, config, port);
        Process format = broker.java("kafka.tools.StorageTool", "format", "--standalone",
                        "-t", Uuid.randomUuid().toString(), "-c", config.toAbsolutePath().toString())
                .redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker's log directory failed; see "
                    + dir.resolve("format.log"));
        }
        return broker;
    }

    public String bootstrapServers() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** Starts the broker (again) on the same ports and log directory; returns once it serves requests. */
    public synchronized KafkaBrokerProcess start() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running already");
        }
        starts++;
        process = java("-Xmx512m", "kafka.Kafka", config.toAbsolutePath().toString())
                .redirectOutput(dir.resolve("broker-" + starts + ".log").toFile()).start();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see "
                            + dir.resolve("broker-" + starts + ".log"));
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return this;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the broker did not become ready in " + READY_TIMEOUT, notYet);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** SIGKILL, as a crashed or evicted broker: no controlled shutdown, no flush. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public void createTopics(Collection<String> topics, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private ProcessBuilder java(String... arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The broker logs through the JBoss LogManager of the test classpath (to its log file).
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The test classpath holds the broker (kafka_2.13); CLASSPATH keeps it off the command line.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
