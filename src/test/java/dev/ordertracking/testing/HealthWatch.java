package dev.ordertracking.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks a health endpoint of a service (on its management port) at a fixed rate in the background,
 * without waiting for the previous answer (a slow answer is an answer too), and keeps every answer
 * with the times it was asked and answered, so a test can say afterwards what health reported
 * during a fault.
 */
public final class HealthWatch implements AutoCloseable {

    /** One answer: asked and answered when, the HTTP status (-1: none) and the body. */
    public record Sample(Instant asked, Instant answered, int status, String body) {

        /** The named check's status in this answer ("UP", "DOWN"), or null when it is not there. */
        public String check(String name) {
            try {
                for (JsonNode check : ContractEvents.JSON.readTree(body).path("checks")) {
                    if (name.equals(check.path("name").asText())) {
                        return check.path("status").asText();
                    }
                }
            } catch (Exception notJson) {
                // No answer, or not health JSON: the check is not there.
            }
            return null;
        }

        public Duration took() {
            return Duration.between(asked, answered);
        }

        @Override
        public String toString() {
            return "asked " + asked + ", answered after " + took().toMillis() + " ms: " + status + " " + body;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "health-watch");
        t.setDaemon(true);
        return t;
    });

    public HealthWatch(PackagedService service, String path, Duration interval) {
        URI uri = URI.create("http://127.0.0.1:" + service.managementPort() + path);
        timer.scheduleAtFixedRate(() -> {
            Instant asked = Instant.now();
            http.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> samples.add(response != null
                            ? new Sample(asked, Instant.now(), response.statusCode(), response.body())
                            : new Sample(asked, Instant.now(), -1, String.valueOf(failure))));
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The answers to requests asked after {@code from} and answered before {@code to}, in the order asked. */
    public List<Sample> between(Instant from, Instant to) {
        return samples.stream().filter(s -> !s.asked().isBefore(from) && s.answered().isBefore(to))
                .sorted(java.util.Comparator.comparing(Sample::asked)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
