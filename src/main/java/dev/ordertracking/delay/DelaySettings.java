package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** How delays are found and dated, under {@code tracking.delays.*}. */
@ConfigMapping(prefix = "tracking.delays")
public interface DelaySettings {

    /** An order confirmed this long ago and not yet handed to a carrier is "not shipped" (internal alert). */
    @WithDefault("PT48H")
    Duration dispatchWindow();

    /** A parcel on its way with no carrier update for this long is "stalled" (support only). */
    @WithDefault("PT72H")
    Duration stallAfter();

    /**
     * Days added to the promised date for the new date when the carrier gives no estimate, per
     * reason (e.g. {@code tracking.delays.buffer-days.CUSTOMS=5}); others use {@link #defaultBufferDays()}.
     */
    Map<IncidentReason, Integer> bufferDays();

    @WithDefault("2")
    int defaultBufferDays();

    /** After the first notice, at most this many updates about the same incident (each a later date). */
    @WithDefault("3")
    int maxUpdates();

    Deadlines deadlines();

    History history();

    default int bufferDays(IncidentReason reason) {
        return bufferDays().getOrDefault(reason, defaultBufferDays());
    }

    interface Deadlines {

        /** Turns the deadline watch off (for a replica that should only ingest). */
        @WithDefault("true")
        boolean enabled();

        /** The longest a due deadline waits to be noticed: the watch sleeps at most this long. */
        @WithDefault("PT15S")
        Duration checkInterval();

        /** Watch threads per replica: they share due deadlines like replicas do (rows and orders are locked). */
        @WithDefault("2")
        int threads();

        /** Deadlines handled per transaction. */
        @WithDefault("500")
        int batchSize();
    }

    /** New dates from our own delivered history: a carrier's median delay once there is enough of it. */
    interface History {

        /** Late deliveries of a carrier needed before its median delay replaces the configured buffer. */
        @WithDefault("50")
        int minSamples();

        /** How far back the history looks. */
        @WithDefault("P90D")
        Duration window();

        /** How often the medians are recomputed. */
        @WithDefault("PT10M")
        Duration refresh();
    }
}
