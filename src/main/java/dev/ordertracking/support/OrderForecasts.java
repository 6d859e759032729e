package dev.ordertracking.support;

import dev.ordertracking.forecasting.ForecastStore;
import dev.ordertracking.forecasting.StoredForecast;
import dev.ordertracking.support.OrderViews.ForecastView;
import dev.ordertracking.support.OrderViews.OrderView;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** An order view with its delivery forecast, dated in the customer's time zone. */
@ApplicationScoped
public class OrderForecasts {

    private final ForecastStore store;

    public OrderForecasts(ForecastStore store) {
        this.store = store;
    }

    public OrderView withForecast(OrderView order) {
        try {
            return order.withForecast(store.find(order.orderId()).map(f -> view(f, zone(order))).orElse(null));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the forecast of order " + order.orderId() + " failed", e);
        }
    }

    static ForecastView view(StoredForecast f, ZoneId zone) {
        return new ForecastView(f.basis().name(), day(f.mostLikelyAt(), zone), day(f.latestAt(), zone),
                f.mostLikelyAt(), f.latestAt(), f.onTimeProbability(), f.overdue(), f.lane(), f.laneSamples(),
                f.dispatchKey(), f.dispatchSamples(), f.warnAt(), f.warnedAt(), f.computedAt());
    }

    private static LocalDate day(Instant at, ZoneId zone) {
        return at == null ? null : at.atZone(zone).toLocalDate();
    }

    private static ZoneId zone(OrderView order) {
        String zone = order.customer() == null ? null : order.customer().timeZone();
        return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
    }
}
