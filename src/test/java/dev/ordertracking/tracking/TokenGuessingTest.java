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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guessing tracking tokens gets nothing: every wrong guess answers the same 404 page, and a guess
 * that shares all but one character with a real token is answered byte for byte as a random one,
 * through the same lookup: one equality on a unique index, not a comparison that tells how far a
 * guess got. (Timing over HTTP cannot resolve a difference of that size, so it is not measured.)
 */
@QuarkusTest
class TokenGuessingTest {

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
    void aNearMissIsAnsweredExactlyAsARandomGuess() throws Exception {
        Shop order = Shop.order("GUESS", "en-GB", "Europe/London", clock).placed();
        FlowSupport.awaitOrder(db, order.orderId());
        String real = FlowSupport.trackingToken(db, order.orderId());

        // Well-formed guesses all reach the lookup: one character off at every position, and random ones,
        // interleaved. Each gets the same status, headers and bytes as the first random guess.
        HttpResponse<byte[]> reference = getBytes(TrackingTokens.mint());
        assertEquals(404, reference.statusCode());
        for (int position = 0; position < real.length(); position++) {
            for (String guess : List.of(oneCharOff(real, position), TrackingTokens.mint())) {
                HttpResponse<byte[]> answer = getBytes(guess);
                assertEquals(reference.statusCode(), answer.statusCode(), guess);
                assertEquals(headersButDate(reference), headersButDate(answer), guess);
                assertArrayEquals(reference.body(), answer.body(), guess);
            }
        }

        // The lookup is one equality on a unique index: no scan that compares tokens one by one, and
        // no prefix match that a near miss would get further into.
        assertEquals(List.of("CREATE UNIQUE INDEX order_journey_tracking_token_idx ON public.order_journey "
                + "USING btree (tracking_token)"), column(
                "select indexdef from pg_indexes where tablename = 'order_journey' and indexdef like '%(tracking_token)'"));
        String plan = plan(LOOKUP.replace("?", "'" + oneCharOff(real, 21) + "'"));
        assertTrue(plan.contains("Index Scan using order_journey_tracking_token_idx") || plan.contains(
                "Index Only Scan using order_journey_tracking_token_idx"), plan);
        assertTrue(plan.contains("Index Cond: (tracking_token = "), plan);
    }

    /** The query the tracking page makes for a token (OrderViewStore.orderOfToken). */
    private static final String LOOKUP = "select order_id from order_journey where tracking_token = ?";

    private HttpResponse<byte[]> getBytes(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "t/" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, List<String>> headersButDate(HttpResponse<?> answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        headers.remove("date");
        return headers;
    }

    /**
     * The plan PostgreSQL makes for {@code sql} when the table is too big to read whole (a test database
     * is small enough that reading it whole can be cheaper).
     */
    private String plan(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("set local enable_seqscan = off");
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("explain " + sql)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                return String.join("\n", lines);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private List<String> column(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
