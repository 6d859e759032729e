package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ordertracking.testing.Management.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenAPI document the running service publishes, linted by Redocly's CLI with its
 * {@code recommended} rules (src/test/openapi-lint/redocly.yaml): no errors and no warnings. The
 * CLI's version is pinned by the package-lock.json beside it and installed with {@code npm ci} into
 * target/openapi-lint. Under CI ({@code CI=true}) a missing node/npm or a failed install fails the
 * test; elsewhere it is skipped with the reason.
 */
@QuarkusTest
class OpenApiLintTest {

    private static final Path SOURCE = Path.of("src/test/openapi-lint");
    private static final Path WORK = Path.of("target/openapi-lint");

    @Test
    void thePublishedDocumentIsLintClean() throws Exception {
        Path document = WORK.resolve("openapi.yaml");
        Files.createDirectories(WORK);
        Files.writeString(document, given().accept("application/yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString(), StandardCharsets.UTF_8);

        Path cli = installedCli();
        Run lint = run(WORK, 180, cli.toString(), "lint", "--config", SOURCE.resolve("redocly.yaml").toAbsolutePath()
                .toString(), "--format", "json", document.toAbsolutePath().toString());
        int start = lint.stdout().indexOf('{');
        assertTrue(start >= 0, "the linter printed no report (exit " + lint.exit() + "): " + lint.output());
        JsonNode report = new ObjectMapper().readTree(lint.stdout().substring(start));
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.path("severity").asText() + " " + p.path("ruleId").asText()
                + " at " + p.path("location").path(0).path("pointer").asText() + ": " + p.path("message").asText()));
        assertEquals(0, report.path("totals").path("errors").asInt(-1), String.join("\n", problems));
        assertEquals(0, report.path("totals").path("warnings").asInt(-1), String.join("\n", problems));
        assertEquals(0, lint.exit(), lint.output());
    }

    /** The pinned CLI under target/, installed by {@code npm ci} unless that version is there already. */
    private static Path installedCli() throws Exception {
        Path cli = WORK.resolve("node_modules/.bin/redocly").toAbsolutePath();
        String pinned = new ObjectMapper().readTree(SOURCE.resolve("package-lock.json").toFile())
                .path("packages").path("node_modules/@redocly/cli").path("version").asText();
        Path installed = WORK.resolve("node_modules/@redocly/cli/package.json");
        if (Files.isExecutable(cli) && Files.exists(installed)
                && pinned.equals(new ObjectMapper().readTree(installed.toFile()).path("version").asText())) {
            return cli;
        }
        Run npm = tryRun(WORK, 30, "npm", "--version");
        if (npm == null || npm.exit() != 0 || tryRun(WORK, 30, "node", "--version") == null) {
            unavailable("node and npm are needed to lint the OpenAPI document (Debian: apt-get install nodejs npm)");
        }
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = run(WORK, 600, "npm", "ci", "--no-audit", "--no-fund");
        if (install.exit() != 0 || !Files.isExecutable(cli)) {
            unavailable("npm ci in " + WORK + " failed (exit " + install.exit() + "): " + install.output());
        }
        return cli;
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        Assumptions.abort(reason + "; skipped outside CI");
    }

    /** What a command printed: its standard output (the report), then its standard error. */
    private record Run(int exit, String stdout, String stderr) {

        String output() {
            return stdout + stderr;
        }
    }

    private static Run tryRun(Path dir, int seconds, String... command) throws InterruptedException {
        try {
            return run(dir, seconds, command);
        } catch (IOException e) {
            return null;
        }
    }

    private static Run run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(WORK, "run", ".out");
        Path err = Files.createTempFile(WORK, "run", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // The linter runs offline: no usage reports, no update checks.
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process p = builder.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + seconds + " s");
        }
        Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
