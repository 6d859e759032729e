package dev.ordertracking.testing;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a test needs from the machine (a browser, kubectl, the Olist sample, a Java 21+ runtime).
 * When it is missing the test is skipped with the reason on a developer's machine, and fails under
 * CI (environment variable {@code CI=true}), where .ci/run installs everything: a test that CI is
 * meant to run never passes there by not running.
 */
public final class Required {

    private Required() {
    }

    /** True under CI: the environment variable {@code CI} is {@code true}. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Goes on when {@code available}; else skips the running test (outside CI) or fails it (under CI),
     * saying what is missing and {@code why} it is needed or how to get it.
     */
    public static void tool(String name, boolean available, String why) {
        tool(name, available, why, underCi());
    }

    static void tool(String name, boolean available, String why, boolean ci) {
        if (available) {
            return;
        }
        String message = name + " is not available: " + why;
        if (ci) {
            Assertions.fail(message + " (CI=true: a test CI is meant to run fails rather than skips)");
        }
        throw new TestAbortedException(message);
    }

    /**
     * The executable {@code name}: the path in system property {@code property} when set (also the
     * way to point a test at a missing one), else the first on PATH. Empty when there is none.
     */
    public static Optional<Path> executable(String property, String name) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        return Stream.of(pathVariable.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }
}
