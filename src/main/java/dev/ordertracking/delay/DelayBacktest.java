package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.compensation.CouponKind;
import dev.ordertracking.forecast.DeliveryForecaster;
import dev.ordertracking.forecast.Forecast;
import dev.ordertracking.forecast.Lane;
import dev.ordertracking.forecast.OpenOrder;
import dev.ordertracking.forecast.OpenOrders;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentState;
import dev.ordertracking.journey.ShipmentStatus;
import dev.ordertracking.notification.Channel;
import dev.ordertracking.notification.Milestone;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Replays a history through the delay rules in memory, with the clock following event time:
 * deadlines come due as the replay passes them, exactly. Every event counts as live (at its own
 * time it was news), so the result is what the service would have said and given had it been
 * running then. Nothing is sent, stored or issued.
 *
 * <p>With a {@link DeliveryForecaster}, it learns from each hand-over and delivery as the replay
 * reaches it (never from anything later), forecasts every open order on each of its events, warns
 * when the forecast's warning moment comes while the order is still undelivered, and sets
 * NOT_SHIPPED and STALLED from the learned durations (the fixed windows while history is short).
 * Its warnings are {@code FORECAST_PAST_PROMISE} delays, dated and worded as the service's
 * ({@link ForecastWarnings}).
 */
public final class DelayBacktest {

    /**
     * What the replay found. Percent coupons have no face value of their own: they are valued on the
     * order they were given for ({@code percentValueByCurrency}); amount coupons are summed as issued.
     */
    public record Report(long orders, long events, Map<IncidentCause, Long> incidentsByCause,
                         Map<IncidentReason, Long> incidentsByReason, Map<String, Long> apologies,
                         Map<Channel, Long> messagesByChannel, long coupons, Map<String, Long> couponsByRule,
                         Map<String, BigDecimal> amountByCurrency, Map<String, BigDecimal> percentValueByCurrency,
                         long lateDeliveries, long toldBeforeDeadline, long earlyDeliveries, long onTimeDeliveries,
                         Notices notices, Alerts alerts, Coverage coverage) {

        public Double proactiveNoticeRate() {
            return lateDeliveries == 0 ? null : (double) toldBeforeDeadline / lateDeliveries;
        }
    }

    /**
     * Who was told of a delay, against how the order ended. A delivery counts as on time when it came
     * by the promised date (early included), as the delivery statistics count it.
     *
     * @param leadDaysOfLateTold for each late delivery told before its promised date passed: how long before
     *                           the end of that date it was told, in days, ascending
     * @param onTimeTold         deliveries on time whose customer had been told of a delay (false alarms)
     * @param neverDelivered     orders neither delivered nor cancelled when the replay ended
     * @param neverDeliveredTold of those, told of a delay before their promised date passed
     */
    public record Notices(long lateTold, List<Double> leadDaysOfLateTold, long onTimeTold, long onTimeDeliveries,
                          long neverDelivered, long neverDeliveredTold) {

        /** Of the deliveries whose customer was told of a delay beforehand, the share that was late. */
        public Double precision() {
            return lateTold + onTimeTold == 0 ? null : (double) lateTold / (lateTold + onTimeTold);
        }

        public Double falseAlarmShare() {
            return onTimeDeliveries == 0 ? null : (double) onTimeTold / onTimeDeliveries;
        }

        public Double medianLeadDays() {
            return quantile(leadDaysOfLateTold, 0.5);
        }

        public Double p10LeadDays() {
            return quantile(leadDaysOfLateTold, 0.1);
        }
    }

    /** How an order ended, for splitting alerts by it. */
    public enum Ending { ON_TIME, LATE, NEVER_DELIVERED, CANCELLED }

    /**
     * Support's NOT_SHIPPED and STALLED incidents by how their orders ended.
     *
     * @param onTimeAlerted           on-time deliveries that had a NOT_SHIPPED or STALLED incident
     * @param shippedNeverDelivered   orders handed to a carrier and neither delivered nor cancelled
     * @param shippedNeverDeliveredAlerted of those, with a STALLED or NOT_SHIPPED incident
     */
    public record Alerts(Map<IncidentReason, Map<Ending, Long>> byReason, long onTimeAlerted, long onTimeDeliveries,
                         long shippedNeverDelivered, long shippedNeverDeliveredAlerted) {

        public Double onTimeAlertedShare() {
            return onTimeDeliveries == 0 ? null : (double) onTimeAlerted / onTimeDeliveries;
        }
    }

    /**
     * How the forecasts given at confirmation and at hand-over turned out, for deliveries that had one:
     * delivered by the date (in the customer's time zone) of their most likely and "at the latest" instants.
     */
    public record Coverage(long atHandOver, long handOverByP50, long handOverByP90,
                           long atConfirmation, long confirmationByP50, long confirmationByP90) {

        public Double handOverP90Share() {
            return atHandOver == 0 ? null : (double) handOverByP90 / atHandOver;
        }

        public Double handOverP50Share() {
            return atHandOver == 0 ? null : (double) handOverByP50 / atHandOver;
        }

        public Double confirmationP90Share() {
            return atConfirmation == 0 ? null : (double) confirmationByP90 / atConfirmation;
        }

        public Double confirmationP50Share() {
            return atConfirmation == 0 ? null : (double) confirmationByP50 / atConfirmation;
        }
    }

    static Double quantile(List<Double> ascending, double p) {
        if (ascending.isEmpty()) {
            return null;
        }
        double rank = p * (ascending.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return ascending.get(lo) + (ascending.get(hi) - ascending.get(lo)) * (rank - lo);
    }

    /** A deadline, or (kind null) the forecast's warning moment. */
    private record Due(Instant at, String orderId, DeadlineKind kind) {
    }

    private final class OrderState {
        final List<RecordedEvent> events = new ArrayList<>();
        Journey journey;
        Map<DeadlineKind, Instant> deadlines = Map.of();
        final List<Incident> incidents = new ArrayList<>();
        int coupons;
        Instant firstNoticeAt;
        boolean dispatchLearned;
        boolean transitLearned;
        Instant warnAt;
        Instant warnedAt;
        Forecast atConfirmation;
        Forecast atHandOver;
    }

    private final JourneyFolder folder;
    private final Deadlines deadlines;
    private final IncidentDesk desk;
    private final Map<Milestone, List<Channel>> channels;
    private final DeliveryForecaster forecaster;
    private final Map<String, OrderState> orders = new HashMap<>();
    private final Map<String, Integer> couponsByCustomerMonth = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::at));
    private final List<DeskOutcome> outcomes = new ArrayList<>();
    private Instant now = Instant.MIN;
    private long eventCount;

    public DelayBacktest(JourneyFolder folder, Deadlines deadlines, IncidentDesk desk,
                         Map<Milestone, List<Channel>> channels) {
        this(folder, deadlines, desk, channels, null);
    }

    /** @param forecaster learns and forecasts as the replay goes; null for the fixed rules alone */
    public DelayBacktest(JourneyFolder folder, Deadlines deadlines, IncidentDesk desk,
                         Map<Milestone, List<Channel>> channels, DeliveryForecaster forecaster) {
        this.folder = folder;
        this.deadlines = deadlines;
        this.desk = desk;
        this.channels = channels;
        this.forecaster = forecaster;
    }

    /** Applies one event at its own time, after every deadline that came due before it. */
    public void apply(RecordedEvent event) {
        advanceTo(event.occurredAt());
        eventCount++;
        String orderId = event.fact().orderId();
        OrderState order = orders.computeIfAbsent(orderId, k -> new OrderState());
        if (order.events.stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
            return;
        }
        order.events.add(event);
        Optional<Journey> after = folder.fold(order.events);
        if (after.isEmpty()) {
            return;
        }
        JourneyChange change = new JourneyChange(Optional.ofNullable(order.journey), after.get());
        order.journey = after.get();
        if (forecaster != null) {
            learn(order);
        }
        Map<DeadlineKind, Instant> wanted = deadlines.of(order.journey);
        Map<DeadlineKind, Instant> before = change.before().map(deadlines::of).orElse(Map.of());
        Map<DeadlineKind, Instant> effective = new EnumMap<>(DeadlineKind.class);
        for (DeadlineKind kind : DeadlineKind.values()) {
            Instant at = wanted.get(kind);
            if (at == null) {
                continue;
            }
            if (!Objects.equals(at, before.get(kind))) {
                // Learned alert times are fixed when the deadline is set, like the fixed ones.
                Instant set = forecaster == null ? at : learnedDeadline(kind, order.journey, at);
                due.add(new Due(set, orderId, kind));
                effective.put(kind, set);
            } else {
                effective.put(kind, order.deadlines.getOrDefault(kind, at));
            }
        }
        order.deadlines = effective;
        if (forecaster != null) {
            forecast(orderId, order);
        }
        List<DelaySignal> signals = new ArrayList<>(DelaySignals.detect(change, order.events));
        IncidentDesk.Ending ending = null;
        if (order.journey.status() == OrderStatus.CANCELLED
                && change.before().map(b -> b.status() != OrderStatus.CANCELLED).orElse(true)) {
            ending = new IncidentDesk.Cancelled(order.journey.cancelledAt());
        } else if (change.becameDelivered()) {
            ending = new IncidentDesk.Delivered(order.journey.deliveredAt(), true, event.fact()
                    instanceof JourneyFact.ShipmentStatusChanged s && s.status() == ShipmentStatus.DELIVERED
                    ? event.eventId() : null);
        }
        if (!signals.isEmpty() || ending != null) {
            decide(order, signals, ending);
        }
    }

    /** Lets time pass: every deadline due by {@code until} fires, in order. */
    public void advanceTo(Instant until) {
        while (!due.isEmpty() && !due.peek().at().isAfter(until)) {
            Due d = due.poll();
            OrderState order = orders.get(d.orderId());
            if (d.kind() == null) {
                if (order != null && d.at().equals(order.warnAt)) {
                    now = d.at();
                    warn(d.orderId(), order);
                }
                continue;
            }
            if (order == null || order.journey == null || !d.at().equals(order.deadlines.get(d.kind()))) {
                continue; // moved or gone since it was set
            }
            now = d.at();
            Instant fixed = deadlines.of(order.journey).get(d.kind());
            if (fixed != null && !fixed.equals(d.at()) && d.kind() != DeadlineKind.PROMISE) {
                decide(order, new ArrayList<>(List.of(learnedSignal(d.kind(), d.at()))), null);
                continue;
            }
            deadlines.signal(d.kind(), order.journey, d.at(), Instant.MIN)
                    .ifPresent(s -> decide(order, new ArrayList<>(List.of(s)), null));
        }
        if (until.isAfter(now)) {
            now = until;
        }
    }

    /** Learns from the order's hand-over and delivery, once each, when the replay reaches them. */
    private void learn(OrderState order) {
        Journey j = order.journey;
        Instant shippedAt = firstShippedAt(j);
        Instant startedAt = j.confirmedAt() != null ? j.confirmedAt() : j.placedAt();
        if (!order.dispatchLearned && shippedAt != null && startedAt != null) {
            order.dispatchLearned = true;
            forecaster.learnDispatch(null, startedAt, shippedAt);
        }
        if (!order.transitLearned && j.isDelivered()) {
            order.transitLearned = true;
            for (ShipmentState s : j.shipments()) {
                if (s.shippedAt() != null && s.deliveredAt() != null) {
                    forecaster.learnTransit(lane(j, s.carrier()), s.shippedAt(), s.deliveredAt());
                }
            }
        }
    }

    /** The forecast of an open order after one of its events: kept for coverage, and its warning moment set. */
    private void forecast(String orderId, OrderState order) {
        Journey j = order.journey;
        if (j.status() == OrderStatus.DELIVERED || j.status() == OrderStatus.CANCELLED || order.warnedAt != null) {
            order.warnAt = null;
            return;
        }
        Optional<Forecast> f = forecaster.forecast(openOrder(j), now);
        if (f.isEmpty()) {
            order.warnAt = null;
            return;
        }
        if (lastShippedAt(j) != null) {
            if (order.atHandOver == null) {
                order.atHandOver = f.get();
            }
        } else if (order.atConfirmation == null && j.confirmedAt() != null) {
            order.atConfirmation = f.get();
        }
        Instant warnAt = f.get().warnAt();
        if (warnAt != null && !warnAt.equals(order.warnAt)) {
            due.add(new Due(warnAt, orderId, null));
        }
        order.warnAt = warnAt;
    }

    /** The warning moment came with the order still undelivered: if the forecast still says so, tell. */
    private void warn(String orderId, OrderState order) {
        Journey j = order.journey;
        order.warnAt = null;
        if (j == null || j.status() == OrderStatus.DELIVERED || j.status() == OrderStatus.CANCELLED
                || order.warnedAt != null || j.promiseDeadline() == null || !now.isBefore(j.promiseDeadline())) {
            return;
        }
        Optional<Forecast> f = forecaster.forecast(openOrder(j), now);
        if (f.isEmpty()) {
            return;
        }
        Instant moment = f.get().warnAt();
        if (moment == null || moment.isAfter(now)) {
            // what was learned since moved the moment on
            if (moment != null) {
                order.warnAt = moment;
                due.add(new Due(moment, orderId, null));
            }
            return;
        }
        Optional<DelaySignal> signal = ForecastWarnings.signal(j, f.get(), now, true);
        if (signal.isEmpty()) {
            return; // the carrier's own estimate speaks
        }
        order.warnedAt = now;
        decide(order, new ArrayList<>(List.of(signal.get())), null);
    }

    /** NOT_SHIPPED and STALLED at the learned times once there is history; the fixed ones until then. */
    private Instant learnedDeadline(DeadlineKind kind, Journey j, Instant fixed) {
        return switch (kind) {
            case PROMISE, FORECAST -> fixed;
            case DISPATCH -> j.confirmedAt() == null ? fixed
                    : forecaster.notShippedAlertAt(null, j.confirmedAt(), now).orElse(fixed);
            case STALL -> {
                Instant shippedAt = lastShippedAt(j);
                Instant learned = shippedAt == null ? null : forecaster.stalledAlertAt(lane(j, carrier(j)), shippedAt,
                        now).orElse(null);
                // the fixed window still counts from the carrier's last news
                yield learned == null || learned.isBefore(fixed) ? fixed : learned;
            }
        };
    }

    private DelaySignal learnedSignal(DeadlineKind kind, Instant at) {
        return kind == DeadlineKind.DISPATCH
                ? new DelaySignal(SignalKind.DISPATCH_DEADLINE, IncidentCause.DELAY, IncidentReason.NOT_SHIPPED, null,
                null, "not handed to a carrier by the time " + pct(forecaster.settings().notShippedQuantile())
                + " of the shop's recent orders were", null, at, true)
                : new DelaySignal(SignalKind.STALL_DEADLINE, IncidentCause.STALLED, IncidentReason.STALLED, null, null,
                "not delivered by the time " + pct(forecaster.settings().stalledQuantile())
                + " of its lane's recent parcels were", null, at, true);
    }

    private static String pct(double share) {
        return Math.round(share * 100) + " %";
    }

    static OpenOrder openOrder(Journey j) {
        return OpenOrders.of(j);
    }

    static Lane lane(Journey j, String carrier) {
        return OpenOrders.lane(j, carrier);
    }

    private static String carrier(Journey j) {
        return OpenOrders.carrier(j);
    }

    private static Instant firstShippedAt(Journey j) {
        return OpenOrders.firstShippedAt(j);
    }

    private static Instant lastShippedAt(Journey j) {
        return OpenOrders.lastShippedAt(j);
    }

    private void decide(OrderState order, List<DelaySignal> signals, IncidentDesk.Ending ending) {
        Journey j = order.journey;
        String monthKey = j.customer().id() + "|" + YearMonth.from(now.atZone(ZoneOffset.UTC));
        OrderFacts facts = new OrderFacts(j, order.incidents, order.coupons,
                couponsByCustomerMonth.getOrDefault(monthKey, 0));
        DeskOutcome outcome = desk.decide(facts, signals, ending, now);
        order.incidents.clear();
        order.incidents.addAll(facts.incidents());
        order.incidents.forEach(i -> {
            i.isNew = false;
            i.changed = false;
        });
        long granted = outcome.coupons().stream().filter(c -> !c.dryRun()).count();
        order.coupons += (int) granted;
        couponsByCustomerMonth.merge(monthKey, (int) granted, Integer::sum);
        if (order.firstNoticeAt == null && outcome.messages().stream()
                .anyMatch(m -> m.milestone() == Milestone.DELAY_NOTICE)) {
            order.firstNoticeAt = now;
        }
        outcomes.add(outcome);
    }

    /** The incidents of one order so far. */
    public List<Incident> incidents(String orderId) {
        OrderState order = orders.get(orderId);
        return order == null ? List.of() : List.copyOf(order.incidents);
    }

    /** Everything decided so far, in order. */
    public List<DeskOutcome> outcomes() {
        return outcomes;
    }

    public Report report() {
        Map<IncidentCause, Long> byCause = new TreeMap<>();
        Map<IncidentReason, Long> byReason = new TreeMap<>();
        Map<String, Long> apologies = new TreeMap<>();
        Map<Channel, Long> byChannel = new EnumMap<>(Channel.class);
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        Map<String, BigDecimal> percentValue = new TreeMap<>();
        long coupons = 0;
        for (OrderState order : orders.values()) {
            order.incidents.forEach(i -> {
                byCause.merge(i.cause(), 1L, Long::sum);
                byReason.merge(i.reason(), 1L, Long::sum);
            });
        }
        for (DeskOutcome outcome : outcomes) {
            for (DeskOutcome.Message m : outcome.messages()) {
                apologies.merge(m.milestone() + " (" + m.reason() + (m.revision() > 1 ? ", update" : "") + ")", 1L,
                        Long::sum);
                Journey j = orders.get(m.incident().orderId()).journey;
                for (Channel channel : channels.getOrDefault(m.milestone(), List.of())) {
                    String contact = channel == Channel.SMS ? j.customer().phone() : j.customer().email();
                    if (contact != null && !contact.isBlank()) {
                        byChannel.merge(channel, 1L, Long::sum);
                    }
                }
            }
            for (DeskOutcome.CouponGrant c : outcome.coupons()) {
                if (c.dryRun()) {
                    continue;
                }
                coupons++;
                byRule.merge(c.rule() + " (" + c.offer().value().stripTrailingZeros().toPlainString()
                        + (c.offer().kind() == CouponKind.PERCENT ? " %" : " " + c.offer().currency()) + ")", 1L, Long::sum);
                if (c.offer().kind() == CouponKind.PERCENT) {
                    Journey j = orders.get(c.incident().orderId()).journey;
                    if (j.total() != null && j.currency() != null) {
                        percentValue.merge(j.currency(), j.total().multiply(c.offer().value()).movePointLeft(2),
                                BigDecimal::add);
                    }
                } else {
                    amounts.merge(c.offer().currency(), c.offer().value(), BigDecimal::add);
                }
            }
        }
        long late = 0;
        long told = 0;
        long early = 0;
        long onTime = 0;
        for (OrderState order : orders.values()) {
            Journey j = order.journey;
            if (j == null || j.deliveryTiming() == null) {
                continue;
            }
            switch (j.deliveryTiming()) {
                case LATE -> {
                    late++;
                    if (order.firstNoticeAt != null && order.firstNoticeAt.isBefore(j.promiseDeadline())) {
                        told++;
                    }
                }
                case EARLY -> early++;
                case ON_TIME -> onTime++;
            }
        }
        return new Report(orders.values().stream().filter(o -> o.journey != null).count(), eventCount, byCause,
                byReason, apologies, byChannel, coupons, byRule, amounts, percentValue, late, told, early, onTime,
                notices(), alerts(), coverage());
    }

    private static Ending ending(Journey j) {
        if (j.status() == OrderStatus.CANCELLED) {
            return Ending.CANCELLED;
        }
        if (j.deliveryTiming() == null) {
            return j.isDelivered() ? Ending.ON_TIME : Ending.NEVER_DELIVERED;
        }
        return j.deliveryTiming().onTime() ? Ending.ON_TIME : Ending.LATE;
    }

    private Notices notices() {
        long lateTold = 0;
        long onTimeTold = 0;
        long onTime = 0;
        long never = 0;
        long neverTold = 0;
        List<Double> leads = new ArrayList<>();
        for (OrderState order : orders.values()) {
            Journey j = order.journey;
            if (j == null) {
                continue;
            }
            boolean toldBeforePromise = order.firstNoticeAt != null && j.promiseDeadline() != null
                    && order.firstNoticeAt.isBefore(j.promiseDeadline());
            switch (ending(j)) {
                case LATE -> {
                    if (toldBeforePromise) {
                        lateTold++;
                        leads.add(Duration.between(order.firstNoticeAt, j.promiseDeadline()).toMinutes() / 1440.0);
                    }
                }
                case ON_TIME -> {
                    if (j.deliveryTiming() != null) {
                        onTime++;
                        if (order.firstNoticeAt != null) {
                            onTimeTold++;
                        }
                    }
                }
                case NEVER_DELIVERED -> {
                    never++;
                    if (toldBeforePromise) {
                        neverTold++;
                    }
                }
                case CANCELLED -> {
                }
            }
        }
        leads.sort(Comparator.naturalOrder());
        return new Notices(lateTold, List.copyOf(leads), onTimeTold, onTime, never, neverTold);
    }

    private Alerts alerts() {
        Map<IncidentReason, Map<Ending, Long>> byReason = new TreeMap<>();
        for (IncidentReason reason : List.of(IncidentReason.NOT_SHIPPED, IncidentReason.STALLED)) {
            Map<Ending, Long> counts = new EnumMap<>(Ending.class);
            for (Ending e : Ending.values()) {
                counts.put(e, 0L);
            }
            byReason.put(reason, counts);
        }
        long onTimeAlerted = 0;
        long onTime = 0;
        long shippedNever = 0;
        long shippedNeverAlerted = 0;
        for (OrderState order : orders.values()) {
            Journey j = order.journey;
            if (j == null) {
                continue;
            }
            Ending ending = ending(j);
            boolean alerted = false;
            for (Incident i : order.incidents) {
                Map<Ending, Long> counts = byReason.get(i.reason());
                if (counts != null) {
                    counts.merge(ending, 1L, Long::sum);
                    alerted = true;
                }
            }
            if (ending == Ending.ON_TIME && j.deliveryTiming() != null) {
                onTime++;
                if (alerted) {
                    onTimeAlerted++;
                }
            }
            if (ending == Ending.NEVER_DELIVERED && firstShippedAt(j) != null) {
                shippedNever++;
                if (alerted) {
                    shippedNeverAlerted++;
                }
            }
        }
        return new Alerts(byReason, onTimeAlerted, onTime, shippedNever, shippedNeverAlerted);
    }

    private Coverage coverage() {
        long[] c = new long[6];
        for (OrderState order : orders.values()) {
            Journey j = order.journey;
            if (j == null || !j.isDelivered() || j.deliveredAt() == null) {
                continue;
            }
            ZoneId zone = ZoneId.of(j.customer().timeZone());
            LocalDate delivered = j.deliveredAt().atZone(zone).toLocalDate();
            Forecast[] forecasts = {order.atHandOver, order.atConfirmation};
            for (int k = 0; k < 2; k++) {
                Forecast f = forecasts[k];
                if (f == null || f.overdue()) {
                    continue;
                }
                c[3 * k]++;
                if (!delivered.isAfter(f.mostLikely().atZone(zone).toLocalDate())) {
                    c[3 * k + 1]++;
                }
                if (!delivered.isAfter(f.latest().atZone(zone).toLocalDate())) {
                    c[3 * k + 2]++;
                }
            }
        }
        return new Coverage(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /** For a report's reader: how long the replay covered. */
    public Duration span(Instant from) {
        return Duration.between(from, now);
    }
}
