package dev.ordertracking.operations;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be checked of docker/ without a Docker engine, after {@code ./mvnw package}: every path
 * the JVM image copies exists, and its ignore file lets it through; the images run as an
 * unprivileged user; the port and the health path (on the management port) are the application's.
 */
class DockerfilesIT {

    private static final Path DOCKER = Path.of("docker");

    private record Instruction(String keyword, String arguments) {
    }

    private static List<Instruction> instructions(Path dockerfile) throws IOException {
        List<Instruction> list = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            list.add(new Instruction(trimmed.substring(0, space).toUpperCase(), trimmed.substring(space + 1).strip()));
        }
        return list;
    }

    /** The sources of a COPY: its words but the flags and the last (the destination). */
    private static List<String> sources(Instruction copy) {
        List<String> words = new ArrayList<>(List.of(copy.arguments().split("\\s+")));
        words.removeIf(w -> w.startsWith("--"));
        return words.subList(0, words.size() - 1);
    }

    private static boolean exists(String source) throws IOException {
        if (!source.contains("*")) {
            return Files.exists(Path.of(source));
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + source.replaceAll("/$", ""));
        String beforeWildcard = source.substring(0, source.indexOf('*'));
        int slash = beforeWildcard.lastIndexOf('/');
        Path root = slash < 0 ? Path.of(".") : Path.of(beforeWildcard.substring(0, slash));
        try (Stream<Path> files = Files.walk(root, 1)) {
            return files.anyMatch(matcher::matches);
        }
    }

    private static String configured(String key, String fallback) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties.getProperty(key, fallback);
    }

    @Test
    void theJvmImageCopiesOnlyWhatThePackageBuilt() throws Exception {
        List<Instruction> jvm = instructions(DOCKER.resolve("Dockerfile.jvm"));
        List<Instruction> copies = jvm.stream().filter(i -> i.keyword().equals("COPY")).toList();
        assertFalse(copies.isEmpty());
        List<String> ignore = Files.readAllLines(DOCKER.resolve("Dockerfile.jvm.dockerignore")).stream()
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        for (Instruction copy : copies) {
            for (String source : sources(copy)) {
                assertTrue(source.startsWith("target/quarkus-app/"), "only the packaged application: " + source);
                assertTrue(exists(source), source + " exists after ./mvnw package");
                assertTrue(ignore.stream().anyMatch(source::startsWith), source + " is let through the ignore file");
            }
        }
        assertTrue(Files.isRegularFile(Path.of("target/quarkus-app/quarkus-run.jar")));
    }

    @Test
    void bothImagesRunUnprivilegedOnTheApplicationsPortAndHealthPath() throws Exception {
        String port = configured("quarkus.http.port", "8080");
        assertEquals("true", configured("quarkus.management.enabled", "false"), "health on the management port");
        String managementPort = configured("quarkus.management.port", "9000");
        String live = "/" + configured("quarkus.management.root-path", "q") + "/"
                + configured("quarkus.smallrye-health.root-path", "health") + "/live";
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            List<Instruction> file = instructions(DOCKER.resolve(name));
            List<String> users = file.stream().filter(i -> i.keyword().equals("USER")).map(Instruction::arguments).toList();
            assertFalse(users.isEmpty(), name + " sets a user");
            String user = users.get(users.size() - 1).split(":")[0];
            assertFalse(user.equals("root") || user.equals("0"), name + " runs as " + user);
            assertEquals(List.of(port), file.stream().filter(i -> i.keyword().equals("EXPOSE"))
                    .map(Instruction::arguments).toList(), name);
            assertTrue(file.stream().anyMatch(i -> i.keyword().equals("HEALTHCHECK")
                    && i.arguments().contains("http://localhost:" + managementPort + live)), name + " checks " + live);
            assertTrue(file.stream().filter(i -> i.keyword().equals("COPY")).flatMap(i -> sources(i).stream())
                    .allMatch(s -> s.startsWith("target/")), name + " copies only build output");
        }
    }
}
