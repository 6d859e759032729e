package dev.ordertracking.forecasting;

import dev.ordertracking.delay.DeadlineKind;
import dev.ordertracking.delay.DeadlineStore;
import dev.ordertracking.delay.DelaySignal;
import dev.ordertracking.delay.ForecastAlerts;
import dev.ordertracking.delay.ForecastWarnings;
import dev.ordertracking.forecast.DeliveryForecaster;
import dev.ordertracking.forecast.Forecast;
import dev.ordertracking.forecast.ForecastSettings;
import dev.ordertracking.forecast.LearnedDurations;
import dev.ordertracking.forecast.Lessons;
import dev.ordertracking.forecast.OpenOrders;
import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery forecast in the service, in the caller's transaction: learns from the hand-overs and
 * deliveries of an ingest batch, forecasts the batch's open orders and keeps each one's warning
 * moment as a FORECAST deadline; tells the delay rules when NOT_SHIPPED and STALLED come due
 * ({@link ForecastAlerts}). The model is {@link DeliveryForecaster}; what it learned is in
 * {@link ForecastStore}, shared by every replica.
 */
@ApplicationScoped
public class Forecasting implements ForecastAlerts {

    private final ForecastStore store;
    private final DeadlineStore deadlines;
    private final ForecastingSettings config;
    private final ForecastSettings settings;
    private final TransactionSynchronizationRegistry transactions;

    public Forecasting(ForecastStore store, DeadlineStore deadlines, ForecastingSettings config,
                       TransactionSynchronizationRegistry transactions) {
        this.store = store;
        this.deadlines = deadlines;
        this.config = config;
        this.settings = config.settings();
        this.transactions = transactions;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * A forecaster reading the learned state as it is in this transaction. The delay rules' moments,
     * the batch's forecasts and the scoring of what it teaches all read it before the batch learns,
     * so they share what they read (one read per step, keys and day in a transaction); learning
     * ends the sharing.
     */
    private DeliveryForecaster forecaster() {
        return new DeliveryForecaster(settings, sharedState());
    }

    /** The transaction's resource holding its learned state as read so far. */
    private static final class SharedState {
        StoredLearnedState state;
    }

    private StoredLearnedState sharedState() {
        if (transactions.getTransactionKey() == null) {
            return new StoredLearnedState(store, settings);
        }
        SharedState shared = (SharedState) transactions.getResource(SharedState.class);
        if (shared == null) {
            shared = new SharedState();
            transactions.putResource(SharedState.class, shared);
        }
        if (shared.state == null) {
            shared.state = new StoredLearnedState(store, settings);
        }
        return shared.state;
    }

    private void learnedSomething() {
        if (transactions.getTransactionKey() != null
                && transactions.getResource(SharedState.class) instanceof SharedState shared) {
            shared.state = null;
        }
    }

    /**
     * Counts what the batch's changes teach: a hand-over when the order's first one became known
     * with this batch, each parcel's transit when the order became delivered with it. A change comes
     * only from newly stored events, so an event seen again teaches nothing twice.
     */
    public void learn(List<ChangedJourney> changes, Instant now) throws SQLException {
        long today = LearnedDurations.epochDay(now);
        DeliveryForecaster forecaster = forecaster();
        List<DeliveryForecaster.Sample> samples = new ArrayList<>();
        storage(() -> {
            changes.forEach(c -> samples.addAll(Lessons.of(c.change(), forecaster, today)));
            return null;
        });
        store.learn(samples, settings.windowDays(), today);
        learnedSomething();
    }

    /**
     * Forecasts the open orders the batch changed and stores each one's forecast; keeps the warning
     * moment of a live order as its FORECAST deadline. Returns the warnings already due: orders whose
     * moment has passed and that were not warned before (they are marked warned; the caller opens
     * their incidents). One statement writes the forecasts and says whose warning moment changed (only
     * those deadlines are written); only orders about to be warned are checked for an earlier warning.
     */
    public Map<String, DelaySignal> forecast(List<ChangedJourney> changes, Instant now) throws SQLException {
        DeliveryForecaster forecaster = forecaster();
        Map<String, Forecast> open = new LinkedHashMap<>();
        Map<String, Instant> moments = new HashMap<>();
        Map<String, DelaySignal> due = new LinkedHashMap<>();
        Set<String> gone = new LinkedHashSet<>();
        for (ChangedJourney changed : changes) {
            Journey j = changed.change().after();
            Optional<Forecast> forecast = isOpen(j) ? storage(() -> forecaster.forecast(OpenOrders.of(j), now))
                    : Optional.empty();
            if (forecast.isEmpty()) {
                gone.add(j.orderId());
                continue;
            }
            Forecast f = forecast.get();
            open.put(j.orderId(), f);
            // Only an order with live news is ever warned: history teaches, it is not messaged.
            if (f.warnAt() != null && newestIsLive(changed.events())) {
                if (f.warnAt().isAfter(now)) {
                    moments.put(j.orderId(), f.warnAt());
                } else {
                    ForecastWarnings.signal(j, f, now, true).ifPresent(signal -> due.put(j.orderId(), signal));
                }
            }
        }
        Map<String, DelaySignal> warnings = new LinkedHashMap<>(due);
        warnings.keySet().removeAll(store.warned(due.keySet()));
        List<StoredForecast> kept = new ArrayList<>();
        open.forEach((orderId, f) -> kept.add(StoredForecast.of(orderId, f, moments.get(orderId), now,
                warnings.containsKey(orderId) ? now : null)));
        List<DeadlineStore.Due> deadlineChanges = new ArrayList<>();
        store.remove(gone).forEach(orderId -> deadlineChanges.add(new DeadlineStore.Due(orderId,
                DeadlineKind.FORECAST, null)));
        for (ForecastStore.Moment m : store.save(kept)) {
            if (!Objects.equals(m.before(), m.after())) {
                deadlineChanges.add(new DeadlineStore.Due(m.orderId(), DeadlineKind.FORECAST, m.after()));
            }
        }
        deadlines.apply(deadlineChanges);
        return warnings;
    }

    @Override
    public Moments at(Instant now) {
        return enabled() ? new LearnedMoments(forecaster(), now) : FIXED.at(now);
    }

    /** The learned moments and warnings as of one instant, reading the learned state once for a batch. */
    private final class LearnedMoments implements Moments {

        private final DeliveryForecaster forecaster;
        private final Instant now;

        LearnedMoments(DeliveryForecaster forecaster, Instant now) {
            this.forecaster = forecaster;
            this.now = now;
        }

        @Override
        public Moment dueAt(DeadlineKind kind, Journey j, Instant fixed) throws SQLException {
            return storage(() -> switch (kind) {
                case DISPATCH -> j.confirmedAt() == null ? new Moment(fixed, null)
                        : forecaster.notShippedAlertAt(null, j.confirmedAt(), now)
                        .map(at -> new Moment(at, "not handed to a carrier by the time " + share(settings
                                .notShippedQuantile()) + " of recent orders were (learned; the fixed window ends "
                                + fixed + ")"))
                        .orElse(new Moment(fixed, null));
                case STALL -> {
                    Instant shippedAt = OpenOrders.lastShippedAt(j);
                    Instant learned = shippedAt == null ? null : forecaster.stalledAlertAt(
                            OpenOrders.lane(j, OpenOrders.carrier(j)), shippedAt, now).orElse(null);
                    // the fixed window still counts from the carrier's last news
                    yield learned == null || learned.isBefore(fixed) ? new Moment(fixed, null)
                            : new Moment(learned, "not delivered by the time " + share(settings.stalledQuantile())
                            + " of its lane's recent parcels were (learned), and no carrier news since " + fixed);
                }
                default -> new Moment(fixed, null);
            });
        }

        @Override
        public Optional<DelaySignal> warningDue(Journey j, boolean live) throws SQLException {
            StoredForecast before = store.find(j.orderId()).orElse(null);
            Optional<Forecast> forecast = isOpen(j) ? storage(() -> forecaster.forecast(OpenOrders.of(j), now))
                    : Optional.empty();
            if (forecast.isEmpty()) {
                store.remove(List.of(j.orderId()));
                return Optional.empty();
            }
            Forecast f = forecast.get();
            Instant warnedAt = before == null ? null : before.warnedAt();
            Optional<DelaySignal> signal = warnedAt == null ? ForecastWarnings.signal(j, f, now, live)
                    : Optional.empty();
            Instant moment = null;
            if (signal.isPresent()) {
                warnedAt = now;
            } else if (warnedAt == null && f.warnAt() != null && f.warnAt().isAfter(now)) {
                moment = f.warnAt(); // what was learned since moved the moment on
                deadlines.apply(List.of(new DeadlineStore.Due(j.orderId(), DeadlineKind.FORECAST, moment)));
            }
            store.save(List.of(StoredForecast.of(j.orderId(), f, moment, now, warnedAt)));
            return signal;
        }
    }

    private static String share(double quantile) {
        return String.format(Locale.ROOT, "%.1f %%", quantile * 100).replace(".0 %", " %");
    }

    private static boolean isOpen(Journey j) {
        return j.status() != OrderStatus.DELIVERED && j.status() != OrderStatus.CANCELLED;
    }

    /** The order's newest event (by its time) is live news, not history. */
    private static boolean newestIsLive(List<RecordedEvent> events) {
        return events.stream().filter(Objects::nonNull).max(Comparator.comparing(RecordedEvent::occurredAt))
                .map(RecordedEvent::live).orElse(false);
    }

    private interface Call<T> {
        T call() throws SQLException;
    }

    /** Runs model code that reads the store, with the store's failures as the SQL failures they are. */
    private static <T> T storage(Call<T> call) throws SQLException {
        try {
            return call.call();
        } catch (StoredLearnedState.StorageFailure e) {
            throw e.sql();
        }
    }
}
