package dev.ordertracking.delay;

import dev.ordertracking.forecast.Forecast;
import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.OrderStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * The sign a delivery forecast gives once its warning moment has come: a delay of the open order,
 * dated by the forecast's "at the latest" day in the customer's time zone (the day after today when
 * the parcel is past its lane's whole history and no range can be given). A carrier's own estimate
 * wins: while it names today or a later day, our forecast says nothing.
 */
public final class ForecastWarnings {

    private ForecastWarnings() {
    }

    /** The sign, if the forecast made at {@code now} warns about the open order {@code j}. */
    public static Optional<DelaySignal> signal(Journey j, Forecast f, Instant now, boolean live) {
        if (j.status() == OrderStatus.DELIVERED || j.status() == OrderStatus.CANCELLED || j.promiseDeadline() == null
                || !now.isBefore(j.promiseDeadline()) || f.warnAt() == null || f.warnAt().isAfter(now)) {
            return Optional.empty();
        }
        ZoneId zone = ZoneId.of(j.customer().timeZone());
        LocalDate today = now.atZone(zone).toLocalDate();
        if (j.estimatedDeliveryDate() != null && !j.estimatedDeliveryDate().isBefore(today)) {
            return Optional.empty();
        }
        LocalDate newDate = f.latest() != null ? f.latest().atZone(zone).toLocalDate() : today.plusDays(1);
        return Optional.of(new DelaySignal(SignalKind.FORECAST, IncidentCause.DELAY,
                IncidentReason.FORECAST_PAST_PROMISE, null, newDate, String.format(Locale.ROOT,
                "forecast: %.0f %% likely to miss the promise (lane %s, %d deliveries)",
                100 * (1 - f.onTimeProbability()), f.lane(), f.laneSamples()), null, now, live));
    }
}
