package dev.ordertracking.forecasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.forecast.DeliveryForecaster;
import dev.ordertracking.forecast.Forecast;
import dev.ordertracking.forecast.OpenOrder;
import dev.ordertracking.forecast.ForecastSettings;
import dev.ordertracking.forecast.Lane;
import dev.ordertracking.forecast.LearnedDurations;
import dev.ordertracking.forecast.LearnedDurations.Resolved;
import dev.ordertracking.forecast.LearnedDurations.Step;
import dev.ordertracking.forecast.LearnedState;
import dev.ordertracking.forecast.ProbabilityCalibration;
import dev.ordertracking.notification.flow.FlowSupport;
import dev.ordertracking.testing.ContractEvents;
import dev.ordertracking.testing.LocalKafka;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the forecast learned, as stored: the same answers as the model's own memory for the same
 * samples, exact under concurrent learners, and a delivery counted once however often it arrives.
 */
@QuarkusTest
class ForecastStoreTest {

    private static final int WINDOW = 90;

    @Inject
    ForecastStore store;

    @Inject
    AgroalDataSource db;

    @Inject
    Clock clock;

    @Test
    void theStoredStateAnswersAsTheModelsMemoryDoes() throws Exception {
        String prefix = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        // a carrier's lane: its own key, then the lane of every parcel (left out here: it is shared)
        List<String> fine = List.of(prefix + "-FINE", prefix);
        List<String> coarse = List.of(prefix);
        long today = LearnedDurations.epochDay(clock.instant());
        LearnedDurations memory = new LearnedDurations(WINDOW, 30);
        List<DeliveryForecaster.Sample> samples = new ArrayList<>();
        Random random = new Random(15);
        for (int i = 0; i < 400; i++) {
            // 120 days of samples: the first 30 days fall out of the window
            long day = today - 119 + i * 120L / 400;
            double hours = 24 + random.nextDouble() * 400;
            List<String> keys = i % 20 == 0 ? fine : coarse; // 15 of the window's in the finest lane
            Double outcome = i % 3 == 0 ? null : random.nextDouble();
            samples.add(new DeliveryForecaster.Sample(Step.TRANSIT, keys, day, hours, outcome));
            memory.add(Step.TRANSIT, keys, day, hours);
            if (outcome != null) {
                memory.addOutcome(Step.TRANSIT, day, outcome);
            }
        }
        long[] outcomesBefore = store.outcomes(Step.TRANSIT, today, WINDOW);
        // learned as the days come (a batch a day), so old days are forgotten as they leave the window
        for (long day = today - 119; day <= today; day++) {
            long d = day;
            List<DeliveryForecaster.Sample> ofDay = samples.stream().filter(s -> s.epochDay() == d).toList();
            QuarkusTransaction.requiringNew().call(() -> {
                store.learn(ofDay, WINDOW, d);
                return null;
            });
        }

        Resolved stored = store.resolve(Step.TRANSIT, fine, today, WINDOW, 30);
        Resolved remembered = memory.resolve(Step.TRANSIT, fine, today);
        assertEquals(remembered.key(), stored.key());
        assertEquals(remembered.samples(), stored.samples());
        for (double h : new double[] {30, 100, 200, 350, 420}) {
            assertEquals(remembered.durations().cdf(h), stored.durations().cdf(h), 1e-12, "F(" + h + ")");
        }
        assertEquals(coarse.get(0), stored.key(), "too few deliveries in the finest lane: the coarser one serves");
        assertNotNull(store.resolve(Step.TRANSIT, fine, today, WINDOW, 10));
        assertEquals(fine.get(0), store.resolve(Step.TRANSIT, fine, today, WINDOW, 10).key(),
                "with a lower minimum the finest lane has enough");
        assertNull(store.resolve(Step.TRANSIT, fine, today, WINDOW, 1_000_000));
        assertEquals(0, count("select count(*) from forecast_duration where key = ? and day <= ?", coarse.get(0),
                today - WINDOW), "days that left the window are deleted");

        // How forecasts turned out is counted per step (every lane together): what these samples added.
        long[] expected = new long[ProbabilityCalibration.BINS];
        samples.stream().filter(s -> s.outcome() != null && s.epochDay() > today - WINDOW)
                .forEach(s -> expected[ProbabilityCalibration.binOf(s.outcome())]++);
        long[] after = store.outcomes(Step.TRANSIT, today, WINDOW);
        long[] added = new long[after.length];
        for (int i = 0; i < after.length; i++) {
            added[i] = after[i] - outcomesBefore[i];
        }
        assertArrayEquals(expected, added);

        // The model forecasts from the stored state as from its memory.
        ForecastSettings settings = new ForecastSettings(WINDOW, 30, 3, 0.9, 1e12, 0.8, 0.975, 0.975);
        DeliveryForecaster fromStore = new DeliveryForecaster(settings, new StoredLearnedState(store, settings));
        DeliveryForecaster fromMemory = new DeliveryForecaster(settings, (LearnedState) memory);
        Instant now = clock.instant();
        Lane lane = new Lane(prefix, null, null, null);
        OpenOrder order = new OpenOrder(null, lane, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(6)));
        // (the outcomes of other tests weigh 1e-12 against the identity here: equal to the second)
        Forecast remembered0 = fromMemory.forecast(order, now).orElseThrow();
        Forecast stored0 = fromStore.forecast(order, now).orElseThrow();
        assertEquals(prefix, remembered0.lane());
        assertEquals(remembered0.lane(), stored0.lane());
        assertEquals(remembered0.laneSamples(), stored0.laneSamples());
        assertEquals(remembered0.onTimeProbability(), stored0.onTimeProbability(), 1e-6);
        assertClose(remembered0.mostLikely(), stored0.mostLikely());
        assertClose(remembered0.latest(), stored0.latest());
        assertClose(fromMemory.stalledAlertAt(lane, now, now).orElseThrow(),
                fromStore.stalledAlertAt(lane, now, now).orElseThrow());
    }

    private static void assertClose(Instant expected, Instant actual) {
        assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(1)) <= 0,
                expected + " and " + actual);
    }

    @Test
    void concurrentLearnersLoseNoCount() throws Exception {
        String key = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT) + " > SHARED";
        long today = LearnedDurations.epochDay(clock.instant());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                runs.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int batch = 0; batch < 10; batch++) {
                        List<DeliveryForecaster.Sample> samples = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            samples.add(new DeliveryForecaster.Sample(Step.DISPATCH, List.of(key, key + " > B"),
                                    today, random.nextDouble() * 100, null));
                        }
                        QuarkusTransaction.requiringNew().call(() -> {
                            store.learn(samples, WINDOW, today);
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(400, count("select total from forecast_duration where step = 'DISPATCH' and key = ?", key));
        assertEquals(400, count("select (select sum(c) from unnest(counts) c) from forecast_duration "
                + "where step = 'DISPATCH' and key = ?", key + " > B"));
        assertEquals(400, store.resolve(Step.DISPATCH, List.of(key), today, WINDOW, 1).samples());
    }

    @Test
    void aDeliveryArrivingAgainIsNotCountedTwice() {
        String region = "D" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        String orderId = ContractEvents.uniqueOrderId("FCDEDUP");
        Instant now = clock.instant();
        Instant placedAt = now.minus(Duration.ofDays(10));
        Instant shippedAt = placedAt.plus(Duration.ofDays(1));
        Instant deliveredAt = shippedAt.plus(Duration.ofDays(4));
        ObjectNode placed = ContractEvents.placed(orderId, placedAt, LocalDate.ofInstant(placedAt, ZoneOffset.UTC)
                .plusDays(7));
        ((ObjectNode) placed.get("data")).putObject("shippingAddress").put("line1", "Rua A 1").put("city", "Boa Vista")
                .put("postalCode", "69300-000").put("region", region).put("country", "BR");
        ObjectNode delivered = ContractEvents.status(orderId, "S1", "DELIVERED", deliveredAt);
        LocalKafka.send(placed);
        LocalKafka.send(ContractEvents.confirmed(orderId, placedAt.plus(Duration.ofHours(1))));
        LocalKafka.send(ContractEvents.shipped(orderId, "S1", shippedAt, null));
        LocalKafka.send(delivered);
        await().atMost(FlowSupport.WAIT).until(() -> "DELIVERED".equals(FlowSupport.orderStatus(db, orderId)));
        String lane = new Lane("DHL", "BR", region, "69300-000").fallbacks(3).get(0);
        assertEquals(1, transits(lane), "the delivery counted in its lane");

        // The same event again (a redelivered record), and the carrier reporting the delivery again.
        LocalKafka.send(delivered);
        LocalKafka.send(ContractEvents.status(orderId, "S1", "DELIVERED", deliveredAt.plus(Duration.ofHours(1))));
        LocalKafka.send(ContractEvents.status(orderId, "S1", "DELIVERED", deliveredAt.plus(Duration.ofHours(2))));
        await().atMost(FlowSupport.WAIT).until(() -> FlowSupport.storedEvents(db, orderId) == 6);
        assertEquals(1, transits(lane), "counted once");
        assertEquals(1, count("select total from forecast_duration where step = 'TRANSIT' and key = ?",
                "* > BR > " + region), "in every level of its lane, once");
    }

    private long transits(String key) {
        return count("select coalesce(sum(total), 0) from forecast_duration where step = 'TRANSIT' and key = ?", key);
    }

    private long count(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
