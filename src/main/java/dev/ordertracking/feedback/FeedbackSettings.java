package dev.ordertracking.feedback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** After delivery, under {@code tracking.feedback.*}. */
@ConfigMapping(prefix = "tracking.feedback")
public interface FeedbackSettings {

    /**
     * How long after delivery the customer is asked for a rating (milestone {@code FEEDBACK_REQUEST},
     * on the channels set for it; {@code NONE} there asks nobody).
     */
    @WithDefault("PT24H")
    Duration requestAfter();
}
