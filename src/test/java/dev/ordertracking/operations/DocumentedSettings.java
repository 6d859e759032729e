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
 * The environment variables the README's configuration table documents, as patterns: a cell may
 * write {@code QUARKUS_MAILER_HOST / _PORT} (same prefix), {@code TRACKING_X_...} (any ending) or
 * {@code ..._SMS_CONCURRENCY} (any beginning).
 */
final class DocumentedSettings {

    private static final Pattern TOKEN = Pattern.compile("`([A-Z0-9_.]+)`");

    private final Set<String> exact = new LinkedHashSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();

    static DocumentedSettings fromReadme(Path readme) throws IOException {
        DocumentedSettings settings = new DocumentedSettings();
        boolean inTable = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("## ")) {
                inTable = line.equals("## Configuration");
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
