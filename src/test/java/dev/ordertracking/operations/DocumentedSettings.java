package dev.ordertracking.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the configuration page's settings table documents, as patterns: a cell
 * may write {@code QUARKUS_MAILER_HOST / _PORT} (same prefix), {@code TRACKING_X_...} (any ending) or
 * {@code ..._SMS_CONCURRENCY} (any beginning).
 */
final class DocumentedSettings {

    /** Where every setting is documented: the table under this heading. */
    static final Path PAGE = Path.of("docs/configuration.md");
    static final String SECTION = "## Settings";
    /** The README's short table of the most important settings. */
    static final Path README = Path.of("README.md");
    static final String README_SECTION = "## Configuration";

    private static final Pattern TOKEN = Pattern.compile("`([A-Z0-9_.]+)`");

    private final Set<String> exact = new LinkedHashSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();

    /** The settings documented on the configuration page. */
    static DocumentedSettings fromConfigurationPage() throws IOException {
        return from(PAGE, SECTION);
    }

    /** The settings of the table under {@code section} (a "## " heading) of a Markdown page. */
    static DocumentedSettings from(Path page, String section) throws IOException {
        DocumentedSettings settings = new DocumentedSettings();
        boolean inTable = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("## ")) {
                inTable = line.equals(section);
                continue;
            }
            if (!inTable || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length > 2) {
                settings.addCell(cells[2]);
            }
        }
        return settings;
    }

    private void addCell(String cell) {
        Matcher m = TOKEN.matcher(cell);
        String previous = null;
        while (m.find()) {
            String token = m.group(1);
            if (token.startsWith("...")) {
                suffixes.add(token.substring(3));
            } else if (token.endsWith("...")) {
                prefixes.add(token.substring(0, token.length() - 3));
            } else if (token.startsWith("_") && previous != null) {
                exact.add(previous.substring(0, previous.lastIndexOf('_')) + token);
            } else if (!token.contains(".")) {
                exact.add(token);
                previous = token;
            }
        }
    }

    boolean documents(String name) {
        return exact.contains(name) || prefixes.stream().anyMatch(name::startsWith)
                || suffixes.stream().anyMatch(name::endsWith);
    }

    int size() {
        return exact.size();
    }
}
