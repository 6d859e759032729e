package dev.ordertracking.tracking;

import dev.ordertracking.journey.TrackingTokens;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guessing tracking tokens gets nothing: every wrong guess answers the same 404 page, and a guess
 * that shares all but one character with a real token takes no measurably different time than a
 * random one (the lookup is an index equality, not a comparison that stops early).
 */
@QuarkusTest
class TokenGuessingTest {

    private static final int ROUNDS = 300;
    private static final int WARM_UP = 60;

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "t/" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String oneCharOff(String token, int position) {
        char[] chars = token.toCharArray();
        chars[position] = chars[position] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    @Test
    void wrongGuessesAllGetTheSamePlain404() throws Exception {
        Shop order = Shop.order("GUESS", "en-GB", "Europe/London", clock).placed();
        FlowSupport.awaitOrder(db, order.orderId());
        String real = FlowSupport.trackingToken(db, order.orderId());
        assertEquals(200, get(real).statusCode());

        Set<String> bodies = new HashSet<>();
        List<String> guesses = new ArrayList<>(List.of(order.orderId(), oneCharOff(real, 21), oneCharOff(real, 0),
                real.substring(0, 21), real + "A", real.toLowerCase().equals(real) ? real.toUpperCase() : real.toLowerCase(),
                "%00", "..%2F..%2Fetc%2Fpasswd", "A".repeat(5000)));
        for (int i = 0; i < 200; i++) {
            guesses.add(TrackingTokens.mint());
        }
        for (String guess : guesses) {
            HttpResponse<String> answer = get(guess);
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 400 || answer.statusCode() == 414,
                    guess + " -> " + answer.statusCode());
            if (answer.statusCode() == 404) {
                bodies.add(answer.body());
                assertEquals("noindex, nofollow", answer.headers().firstValue("X-Robots-Tag").orElse(null));
            }
        }
        assertEquals(1, bodies.size(), "one identical page for every wrong guess");
        assertTrue(!bodies.iterator().next().contains(order.orderId()));
    }

    @Test
    void aNearMissTakesNoLongerThanARandomGuess() throws Exception {
        Shop order = Shop.order("GUESS", "en-GB", "Europe/London", clock).placed();
        FlowSupport.awaitOrder(db, order.orderId());
        String real = FlowSupport.trackingToken(db, order.orderId());

        Supplier<String> random = TrackingTokens::mint;
        Supplier<String> nearMiss = () -> oneCharOff(real, 21);
        long[] randomTimes = new long[ROUNDS];
        long[] nearTimes = new long[ROUNDS];
        for (int i = -WARM_UP; i < ROUNDS; i++) {
            // Interleaved, so load on the machine falls on both alike.
            long a = time(random.get());
            long b = time(nearMiss.get());
            if (i >= 0) {
                randomTimes[i] = a;
                nearTimes[i] = b;
            }
        }
        double randomMedian = median(randomTimes) / 1e6;
        double nearMedian = median(nearTimes) / 1e6;
        double allowed = Math.max(1.0, 0.25 * randomMedian);
        System.out.printf("tracking-page 404: random guess median %.3f ms, near miss median %.3f ms%n",
                randomMedian, nearMedian);
        assertTrue(Math.abs(randomMedian - nearMedian) < allowed, String.format(
                "random %.3f ms vs near miss %.3f ms (allowed %.3f ms)", randomMedian, nearMedian, allowed));
    }

    private long time(String token) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = get(token);
        long took = System.nanoTime() - start;
        assertEquals(404, answer.statusCode());
        return took;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
