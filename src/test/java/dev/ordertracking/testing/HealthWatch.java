package dev.ordertracking.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a health endpoint of a service (on its management port) at a fixed rate in the background,
 * without waiting for the previous answer (a slow answer is an answer too), and keeps every answer
 * with the times it was asked and answered, so a test can say afterwards what health reported
 * during a fault. Every request is kept too, so one that never got an answer can be counted as a
 * failure.
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
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "health-watch");
        t.setDaemon(true);
        return t;
    });

    public HealthWatch(PackagedService service, String path, Duration interval) {
        URI uri = URI.create("http://127.0.0.1:" + service.managementPort() + path);
        timer.scheduleAtFixedRate(() -> {
            Instant asked = Instant.now();
            CompletableFuture<Sample> answer = http.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> response != null
                            ? new Sample(asked, Instant.now(), response.statusCode(), response.body())
                            : new Sample(asked, Instant.now(), -1, String.valueOf(failure)));
            requests.add(new Request(asked, answer));
            answer.thenAccept(samples::add);
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The answers to requests asked after {@code from} and answered before {@code to}, in the order asked. */
    public List<Sample> between(Instant from, Instant to) {
        return samples.stream().filter(s -> !s.asked().isBefore(from) && s.answered().isBefore(to))
                .sorted(java.util.Comparator.comparing(Sample::asked)).toList();
    }

    /**
     * Every request asked after {@code from} and before {@code to}, in the order asked, answered or
     * not: waits for each until {@code patience} after it was asked, and one still unanswered then is
     * a sample with status -1 ("no answer"), so a hung endpoint counts against it instead of being
     * left out.
     */
    public List<Sample> everyAskedBetween(Instant from, Instant to, Duration patience) throws InterruptedException {
        List<Sample> every = new ArrayList<>();
        for (Request request : requests) {
            if (request.asked().isBefore(from) || !request.asked().isBefore(to)) {
                continue;
            }
            long left = Math.max(0, Duration.between(Instant.now(), request.asked().plus(patience)).toMillis());
            try {
                Sample sample = request.answer().get(left, TimeUnit.MILLISECONDS);
                every.add(sample.took().compareTo(patience) <= 0 ? sample
                        : new Sample(sample.asked(), sample.answered(), -1, "answered too late: " + sample));
            } catch (TimeoutException hung) {
                every.add(new Sample(request.asked(), Instant.now(), -1, "no answer within " + patience));
            } catch (ExecutionException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }
        every.sort(Comparator.comparing(Sample::asked));
        return every;
    }

    /** A request made, and its answer to come. */
    private record Request(Instant asked, CompletableFuture<Sample> answer) {
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
