package dev.ordertracking.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * How customer messages are chosen, timed and sent, under {@code tracking.notifications.*}; the
 * signed customer links' settings are {@code email.LinkSettings}.
 */
@ConfigMapping(prefix = "tracking.notifications")
public interface NotificationSettings {

    /**
     * The channels each milestone goes to, e.g. {@code tracking.notifications.channels.SHIPPED=SMS,EMAIL};
     * {@code NONE} sends nothing for that milestone, and so does a milestone left out. Defaults are in
     * application.properties.
     */
    Map<Milestone, String> channels();

    /** {@link #channels()} read as channel lists. */
    default Map<Milestone, List<Channel>> channelsByMilestone() {
        Map<Milestone, List<Channel>> parsed = new java.util.EnumMap<>(Milestone.class);
        channels().forEach((milestone, value) -> {
            List<Channel> list = new java.util.ArrayList<>();
            for (String part : value.split(",")) {
                String name = part.trim().toUpperCase(java.util.Locale.ROOT);
                if (name.isEmpty() || name.equals("NONE")) {
                    continue;
                }
                try {
                    list.add(Channel.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("tracking.notifications.channels." + milestone + ": '" + part.trim()
                            + "' is not SMS, EMAIL or NONE");
                }
            }
            parsed.put(milestone, List.copyOf(list));
        });
        return parsed;
    }

    QuietHours quietHours();

    /** At most this many messages per order, channel and day (in the customer's time zone). */
    @WithDefault("4")
    int dailyCapPerOrder();

    /**
     * At most this many support resends per order in 24 hours, whatever their channel: a resend is
     * not held back by {@link #dailyCapPerOrder()}, so this keeps a customer from being flooded.
     */
    @WithDefault("3")
    int resendsPerOrderPerDay();

    Dispatch dispatch();

    /** Log every message's text as it is sent or held (the local run turns this on). */
    @WithDefault("false")
    boolean logBodies();

    interface QuietHours {
        @WithDefault("true")
        boolean enabled();

        /** SMS due from this local time on wait until {@link #end()}. */
        @WithDefault("21:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();
    }

    interface Dispatch {
        /** Turns the dispatcher off (messages are still planned and recorded). */
        @WithDefault("true")
        boolean enabled();

        /** Rows claimed per round and channel. */
        @WithDefault("50")
        int batchSize();

        /** Provider calls in flight at once, per channel and replica. */
        @WithDefault("4")
        int smsConcurrency();

        @WithDefault("4")
        int emailConcurrency();

        /** SMS per second per replica (Twilio's account or sender limit, shared by replicas). */
        @WithDefault("25")
        double smsPerSecond();

        /** Sleep when nothing was due (new messages in this process wake it at once). */
        @WithDefault("PT1S")
        Duration idlePoll();

        /** A claimed row is this dispatcher's for this long; then another may reconcile it. */
        @WithDefault("PT2M")
        Duration lease();

        /** Attempts before a transiently failing message is given up as FAILED. */
        @WithDefault("8")
        int maxAttempts();

        /** First retry delay; doubles each attempt up to {@link #maxBackoff()}, with full jitter. */
        @WithDefault("PT5S")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /** How often messages waiting for an unconfigured provider are looked at again. */
        @WithDefault("PT1H")
        Duration unconfiguredRecheck();
    }
}
