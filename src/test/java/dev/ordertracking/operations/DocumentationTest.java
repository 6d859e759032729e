package dev.ordertracking.operations;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README stays a manual a newcomer reads in ten minutes: short, the two commands on its first
 * screen, the test command the one CI runs, every package named, and every link to the deeper pages
 * in docs/ pointing at a file (and heading) that exists.
 */
class DocumentationTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final Path CI = Path.of(".ci/run");
    /** The product's packages and the development tooling's. */
    private static final List<Path> SOURCES = List.of(
            Path.of("src/main/java/dev/ordertracking"), Path.of("src/dev/java/dev/ordertracking"));
    private static final int MAX_README_LINES = 350;
    /** A Markdown link or image: its target, up to the first space or closing bracket. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    @Test
    void theReadmeIsShort() throws IOException {
        int lines = Files.readAllLines(README).size();
        assertTrue(lines < MAX_README_LINES, "README.md has " + lines + " lines; the deeper material belongs in docs/");
    }

    @Test
    void theTwoCommandsComeFirstAndCiRunsTheReadmesTestCommand() throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<String> commands = new ArrayList<>();
        int opening = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                if (opening >= 0) {
                    break;
                }
                opening = i;
            } else if (opening >= 0 && !lines.get(i).isBlank()) {
                commands.add(lines.get(i).replaceAll("\\s+#.*$", "").strip());
            }
        }
        assertTrue(opening >= 0 && opening < 25, "the README's first code block is on its first screen: line " + (opening + 1));
        assertEquals(2, commands.size(), "the first code block holds the two commands, run and test: " + commands);
        assertEquals("./mvnw quarkus:dev", commands.get(0));
        String test = commands.get(1);
        assertTrue(test.startsWith("./mvnw "), test);

        List<String> ci = Files.readAllLines(CI).stream().map(String::strip).filter(l -> l.startsWith("./mvnw ")).toList();
        assertFalse(ci.isEmpty(), ".ci/run runs the build");
        assertEquals(test.replaceFirst("^\\./mvnw ", "./mvnw -B "), ci.get(ci.size() - 1),
                ".ci/run runs the README's test command, in batch mode");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto:: not ours to check here
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors.computeIfAbsent(resolved, DocumentationTest::headingAnchors).contains(anchor)) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theReadmeNamesEveryPackageAndNoOther() throws IOException {
        String readme = Files.readString(README);
        Set<String> packages = new java.util.TreeSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(Files::isDirectory).map(p -> p.getFileName() + "/").forEach(packages::add);
            }
        }
        assertEquals(List.of(), packages.stream().filter(name -> !readme.contains("| `" + name + "` |")).toList(),
                "packages missing from the README's \"Where each rule lives\"");
        List<String> named = java.util.regex.Pattern.compile("(?m)^\\| `([a-z]+/)` \\|").matcher(readme).results()
                .map(m -> m.group(1)).toList();
        assertTrue(named.size() >= 10, "the README's package table was read: " + named);
        assertEquals(List.of(), named.stream().filter(name -> !packages.contains(name)).toList(),
                "packages the README names that do not exist");
    }

    @Test
    void theReadmesSettingsAreOnTheConfigurationPage() throws IOException {
        Set<String> documented = new LinkedHashSet<>(firstCells(DocumentedSettings.PAGE, DocumentedSettings.SECTION));
        List<String> shown = firstCells(DocumentedSettings.README, DocumentedSettings.README_SECTION);
        assertFalse(shown.isEmpty(), "the README's configuration table was read");
        assertEquals(List.of(), shown.stream().filter(s -> !documented.contains(s)).toList(),
                "settings the README names but " + DocumentedSettings.PAGE + " does not");
    }

    /** The first cells of the settings table under a "## " heading. */
    private static List<String> firstCells(Path page, String section) throws IOException {
        List<String> cells = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("## ")) {
                inSection = line.equals(section);
            } else if (inSection && line.startsWith("| `")) {
                cells.add(line.split("\\|")[1].strip());
            }
        }
        return cells;
    }

    /** The link targets of a page, outside code blocks and code spans. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll("code"));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> headingAnchors(Path page) {
        try {
            Set<String> anchors = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean inCode = false;
            for (String line : Files.readAllLines(page)) {
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (inCode || !line.matches("^#{1,6} .*")) {
                    continue;
                }
                String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            return anchors;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
