package dev.ordertracking.replay;

import dev.ordertracking.testing.Required;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Olist sample is: {@code -Dolist.dir}, else {@code OLIST_DIR}, else {@code ../shared/data/olist}. */
final class OlistSample {

    private OlistSample() {
    }

    static Path dir() {
        String configured = System.getProperty("olist.dir", System.getenv("OLIST_DIR"));
        return Path.of(configured == null || configured.isBlank() ? "../shared/data/olist" : configured);
    }

    /** The sample's folder; without the sample the test is skipped, or fails under CI. */
    static Path require() {
        Path dir = dir();
        Required.tool("the Olist sample", Files.isRegularFile(dir.resolve(OlistDataset.ORDERS_FILE)),
                "no " + OlistDataset.ORDERS_FILE + " in " + dir.toAbsolutePath() + "; set -Dolist.dir or OLIST_DIR");
        return dir;
    }
}
