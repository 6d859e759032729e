package dev.ordertracking.delay;

import dev.ordertracking.compensation.CouponKind;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import dev.ordertracking.notification.Channel;
import dev.ordertracking.notification.Milestone;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
                         long lateDeliveries, long toldBeforeDeadline, long earlyDeliveries, long onTimeDeliveries) {

        public Double proactiveNoticeRate() {
            return lateDeliveries == 0 ? null : (double) toldBeforeDeadline / lateDeliveries;
        }
    }

    private record Due(Instant at, String orderId, DeadlineKind kind) {
    }

    private final class OrderState {
        final List<RecordedEvent> events = new ArrayList<>();
        Journey journey;
        Map<DeadlineKind, Instant> deadlines = Map.of();
        final List<Incident> incidents = new ArrayList<>();
        int coupons;
        Instant firstNoticeAt;
    }

    private final JourneyFolder folder;
    private final Deadlines deadlines;
    private final IncidentDesk desk;
    private final Map<Milestone, List<Channel>> channels;
    private final Map<String, OrderState> orders = new HashMap<>();
    private final Map<String, Integer> couponsByCustomerMonth = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::at));
    private final List<DeskOutcome> outcomes = new ArrayList<>();
    private Instant now = Instant.MIN;
    private long eventCount;

    public DelayBacktest(JourneyFolder folder, Deadlines deadlines, IncidentDesk desk,
                         Map<Milestone, List<Channel>> channels) {
        this.folder = folder;
        this.deadlines = deadlines;
        this.desk = desk;
        this.channels = channels;
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
        Map<DeadlineKind, Instant> wanted = deadlines.of(order.journey);
        Map<DeadlineKind, Instant> before = change.before().map(deadlines::of).orElse(Map.of());
        for (DeadlineKind kind : DeadlineKind.values()) {
            Instant at = wanted.get(kind);
            if (at != null && !Objects.equals(at, before.get(kind))) {
                due.add(new Due(at, orderId, kind));
            }
        }
        order.deadlines = wanted;
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
            if (order == null || order.journey == null || !d.at().equals(order.deadlines.get(d.kind()))) {
                continue; // moved or gone since it was set
            }
            now = d.at();
            deadlines.signal(d.kind(), order.journey, d.at(), Instant.MIN)
                    .ifPresent(s -> decide(order, new ArrayList<>(List.of(s)), null));
        }
        if (until.isAfter(now)) {
            now = until;
        }
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
                byReason, apologies, byChannel, coupons, byRule, amounts, percentValue, late, told, early, onTime);
    }

    /** For a report's reader: how long the replay covered. */
    public Duration span(Instant from) {
        return Duration.between(from, now);
    }
}
