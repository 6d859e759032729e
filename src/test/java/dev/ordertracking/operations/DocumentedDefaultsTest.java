package dev.ordertracking.operations;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented settings against the real defaults of the production profile: the full table in
 * docs/configuration.md and the short one in the README. Each default a table gives as a value is
 * the one application.properties sets for prod (its keys without {@code %dev}/{@code %test}), or
 * else the default of the setting's mapping (the service's {@code @ConfigMapping}s and Quarkus' own).
 * Rows whose default depends on the profile ("`x` in dev") or names no value are not compared.
 */
@QuarkusTest
class DocumentedDefaultsTest {

    /** A row: the settings it names and the defaults it gives, in the same order (null: none). */
    record Row(String line, List<String> keys, List<String> defaults) {
    }

    private static final Pattern VALUE = Pattern.compile("^\\s*(?:`([^`]*)`|(none))");

    /** The rows of the settings table under {@code section} (a "## " heading) of a Markdown page. */
    static List<Row> rows(Path page, String section) throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("## ")) {
                inTable = line.equals(section);
                continue;
            }
            if (!inTable || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            List<String> keys = keys(cells[1]);
            List<String> defaults = defaults(cells[3]);
            if (!keys.isEmpty() && defaults != null && defaults.size() == keys.size()) {
                rows.add(new Row(line, keys, defaults));
            }
        }
        return rows;
    }

    /** `a.b.c` / `d` / `e.f`: a.b.c, a.b.d, a.b.e.f; rows with placeholders are left out. */
    private static List<String> keys(String cell) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
        String first = null;
        while (m.find()) {
            String token = m.group(1);
            if (token.contains("<") || token.contains("[")) {
                return List.of();
            }
            if (first == null) {
                first = token;
                keys.add(token);
            } else {
                keys.add(first.substring(0, first.lastIndexOf('.') + 1) + token);
            }
        }
        return keys;
    }

    /** The leading values of a default cell, or null when it depends on the profile or gives none. */
    private static List<String> defaults(String cell) {
        List<String> values = new ArrayList<>();
        String rest = cell;
        while (true) {
            Matcher m = VALUE.matcher(rest);
            if (!m.find()) {
                return null;
            }
            values.add(m.group(1));
            rest = rest.substring(m.end());
            if (rest.startsWith(" / ")) {
                rest = rest.substring(3);
                continue;
            }
            break;
        }
        rest = rest.strip();
        if (rest.startsWith("in ") || rest.startsWith(":")) {
            return null;
        }
        return values;
    }

    @Test
    void everyDocumentedDefaultIsTheProductionDefault() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        // The mappings' defaults (the service's and Quarkus'), below every configured source.
        List<ConfigSource> defaults = new ArrayList<>();
        config.getConfigSources().forEach(s -> {
            if (s.getName().contains("Default")) {
                defaults.add(s);
            }
        });
        defaults.sort(Comparator.comparingInt(ConfigSource::getOrdinal).reversed());
        assertTrue(!defaults.isEmpty(), "the defaults' sources were found");

        List<Row> full = rows(DocumentedSettings.PAGE, DocumentedSettings.SECTION);
        assertTrue(full.size() > 40, "the configuration page's table was read: " + full.size() + " rows");
        List<Row> readme = rows(DocumentedSettings.README, DocumentedSettings.README_SECTION);
        assertTrue(readme.size() >= 5, "the README's configuration table was read: " + readme.size() + " rows");
        List<Row> rows = new ArrayList<>(full);
        rows.addAll(readme);
        List<String> differences = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < row.keys().size(); i++) {
                String key = row.keys().get(i);
                String effective = properties.getProperty("%prod." + key, properties.getProperty(key));
                if (effective == null) {
                    effective = defaults.stream().map(s -> s.getValue(key)).filter(v -> v != null).findFirst().orElse(null);
                }
                String documented = row.defaults().get(i);
                if (!same(documented, effective)) {
                    differences.add(key + ": documented " + (documented == null ? "none" : documented)
                            + ", production default is " + (effective == null ? "none" : effective));
                }
            }
        }
        assertEquals(List.of(), differences);
    }

    private static boolean same(String documented, String effective) {
        if (documented == null || effective == null) {
            return documented == null && (effective == null || effective.isEmpty());
        }
        return documented.equalsIgnoreCase(effective.strip());
    }
}
