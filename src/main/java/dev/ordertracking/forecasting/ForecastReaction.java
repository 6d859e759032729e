package dev.ordertracking.forecasting;

import dev.ordertracking.delay.DelayHandling;
import dev.ordertracking.delay.DelaySignal;
import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyReaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecast's part of an ingest batch, last of the reactions: forecasts the batch's open orders
 * and keeps their warning moments as deadlines; an order whose moment has already passed gets its
 * delay incident now, through the delay rules (which have seen the batch by then), with the apology
 * and coupon the policy gives. Then it learns from the batch's hand-overs and deliveries: last, so
 * the rows every replica adds to are locked only from there to the commit.
 */
@ApplicationScoped
public class ForecastReaction implements JourneyReaction {

    private final Forecasting forecasting;
    private final DelayHandling delays;

    public ForecastReaction(Forecasting forecasting, DelayHandling delays) {
        this.forecasting = forecasting;
        this.delays = delays;
    }

    @Override
    public int order() {
        return FORECAST;
    }

    @Override
    public void onChanges(List<ChangedJourney> changes, Instant now) throws SQLException {
        if (!forecasting.enabled() || changes.isEmpty()) {
            return;
        }
        Map<String, DelaySignal> warnings = forecasting.forecast(changes, now);
        if (!warnings.isEmpty()) {
            Map<String, Journey> journeys = new HashMap<>();
            changes.forEach(c -> journeys.put(c.change().after().orderId(), c.change().after()));
            delays.onForecastWarnings(journeys, warnings, now);
        }
        forecasting.learn(changes, now);
    }
}
