package dev.ordertracking.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** The service's own settings, under {@code tracking.*}. */
@ConfigMapping(prefix = "tracking")
public interface TrackingSettings {

    Ingest ingest();

    Defaults defaults();

    Topics topics();

    Outbox outbox();

    LocalStack localStack();

    Dev dev();

    /**
     * Where customers reach this service's public pages (tracking page {@code /t/{token}},
     * unsubscribe links), without a trailing slash.
     */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** Read by the local-stack config source before the application starts; listed here for docs. */
    interface LocalStack {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("target/local-stack")
        String workDir();

        /** Where the build unpacked Keycloak's distribution (the console's login, local run and tests). */
        @WithDefault("target/keycloak")
        String keycloakDir();

        @WithDefault("src/main/keycloak/order-tracking-realm.json")
        String keycloakRealm();

        /** A Java 21+ home for Keycloak; default: this JVM if 21+, else the newest under /usr/lib/jvm. */
        java.util.Optional<String> keycloakJavaHome();

        /** {@code at-startup} (local run) or {@code on-demand} (tests: when a console test first needs it). */
        @WithDefault("on-demand")
        String keycloakStart();
    }

    interface Dev {
        /** Build-time switch of {@code GET /dev/token}; only the dev and test profiles turn it on. */
        @WithDefault("false")
        boolean tokenEndpoint();

        /**
         * Build-time switch of {@code GET /dev/messages} and {@code /dev/messages.html}: the last
         * customer messages with their full text and contacts, without authentication. Only the dev
         * and test profiles turn it on; never in a build that holds real customers' data.
         */
        @WithDefault("false")
        boolean messagesPage();
    }

    interface Ingest {
        /** Events older than this on arrival are historical: history only, never a customer message. */
        @WithDefault("PT48H")
        Duration stalenessWindow();

        /**
         * How far ahead of our clock an event's times may be (producers' clocks drift a little).
         * An event dated later is dead-lettered: it would stay the order's latest news for good.
         */
        @WithDefault("PT24H")
        Duration maxFutureSkew();

        /** Events one order may hold; later new ones are dead-lettered (each batch reloads them all). */
        @WithDefault("1000")
        int maxEventsPerOrder();

        /** The largest record taken (value, key and headers); the contract's events are a few KB. */
        @WithDefault("65536")
        int maxRecordBytes();
    }

    interface Defaults {
        /** Locale for customers whose order names none. */
        @WithDefault("en")
        String locale();

        /** Time zone for customers whose order names none. */
        @WithDefault("UTC")
        ZoneId timeZone();
    }

    interface Topics {
        @WithDefault("orders.v1")
        String orders();

        @WithDefault("shipments.v1")
        String shipments();

        @WithDefault("order-tracking.v1")
        String orderTracking();

        @WithDefault("customer-compensation.v1")
        String customerCompensation();

        /** Dead letters of topic T go to T + this suffix. */
        @WithDefault(".dlq")
        String dlqSuffix();

        /** Create missing topics at start (off where topics are managed elsewhere, e.g. Strimzi). */
        @WithDefault("true")
        boolean create();

        @WithDefault("4")
        int partitions();

        @WithDefault("1")
        short replicationFactor();
    }

    interface Outbox {
        /** Rows sent per relay round. */
        @WithDefault("500")
        int batchSize();

        /** How long the relay sleeps when it found nothing (new rows wake it at once in this process). */
        @WithDefault("PT0.5S")
        Duration idlePoll();

        /** Readiness turns DOWN when the oldest unsent row is older than this. */
        @WithDefault("PT5M")
        Duration maxBacklogAge();
    }
}
