package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.compensation.CompensationPolicy;
import dev.ordertracking.compensation.CompensationSettings;
import dev.ordertracking.compensation.CouponEvents;
import dev.ordertracking.journey.StoredJourneys;
import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyStore;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import dev.ordertracking.notification.NotificationPlanningService;
import dev.ordertracking.notification.NotificationPlanningService.IncidentMessage;
import dev.ordertracking.outbox.Outbox;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingSettings;
import dev.ordertracking.publishing.OrderTrackingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Finds and handles incidents in the caller's transaction: from journey changes (in the ingest
 * transaction), from deadlines that came due, and from support. The incidents, their coupons, the
 * events they publish and the messages they cause commit together with what revealed them.
 */
@ApplicationScoped
public class DelayHandling {

    private static final Logger LOG = Logger.getLogger(DelayHandling.class);

    private final IncidentStore incidents;
    private final DeadlineStore deadlineStore;
    private final JourneyStore journeyStore;
    private final StoredJourneys journeys;
    private final Outbox outbox;
    private final OrderTrackingEvents trackingEvents;
    private final CouponEvents couponEvents;
    private final NotificationPlanningService notifications;
    private final IncidentMetrics metrics;
    private final Deadlines deadlines;
    private final IncidentDesk desk;
    private final Duration stalenessWindow;
    private final Instance<ForecastAlerts> forecastAlerts;

    public DelayHandling(IncidentStore incidents, DeadlineStore deadlineStore, JourneyStore journeyStore,
                         StoredJourneys journeys, Outbox outbox, OrderTrackingEvents trackingEvents,
                         CouponEvents couponEvents, NotificationPlanningService notifications, IncidentMetrics metrics,
                         DelaySettings settings, CompensationSettings compensation, CarrierDelayService carrierDelays,
                         TrackingSettings config, Instance<ForecastAlerts> forecastAlerts) {
        this.forecastAlerts = forecastAlerts;
        this.incidents = incidents;
        this.deadlineStore = deadlineStore;
        this.journeyStore = journeyStore;
        this.journeys = journeys;
        this.outbox = outbox;
        this.trackingEvents = trackingEvents;
        this.couponEvents = couponEvents;
        this.notifications = notifications;
        this.metrics = metrics;
        this.deadlines = new Deadlines(settings.dispatchWindow(), settings.stallAfter());
        this.desk = new IncidentDesk(CompensationPolicy.of(compensation), settings::bufferDays, settings.maxUpdates(),
                carrierDelays);
        this.stalenessWindow = config.ingest().stalenessWindow();
    }

    /** The journey changes of one ingest batch: their deadlines, signs of trouble, deliveries and cancellations. */
    public void onChanges(List<ChangedJourney> changes, Instant now) throws SQLException {
        List<DeadlineStore.Due> deadlineChanges = new ArrayList<>();
        Map<String, List<DelaySignal>> signals = new LinkedHashMap<>();
        Map<String, IncidentDesk.Ending> endings = new LinkedHashMap<>();
        Map<String, Journey> concerned = new HashMap<>();
        ForecastAlerts.Moments moments = alerts().at(now);
        for (ChangedJourney changed : changes) {
            JourneyChange change = changed.change();
            Journey after = change.after();
            Map<DeadlineKind, Instant> before = change.before().map(deadlines::of).orElse(Map.of());
            Map<DeadlineKind, Instant> wanted = deadlines.of(after);
            for (DeadlineKind kind : DeadlineKind.values()) {
                Instant at = wanted.get(kind);
                if (!Objects.equals(before.get(kind), at)) {
                    // The fixed rule says when a deadline is set or moved; the forecast may learn a better moment.
                    deadlineChanges.add(new DeadlineStore.Due(after.orderId(), kind, dueAt(moments, kind, after, at,
                            now)));
                }
            }
            List<DelaySignal> found = DelaySignals.detect(change, changed.events());
            IncidentDesk.Ending ending = ending(change, changed.events());
            if (!found.isEmpty() || ending != null) {
                signals.put(after.orderId(), found);
                concerned.put(after.orderId(), after);
                if (ending != null) {
                    endings.put(after.orderId(), ending);
                }
            }
        }
        deadlineStore.apply(deadlineChanges);
        if (concerned.isEmpty()) {
            return;
        }
        Map<String, OrderFacts> facts = facts(concerned, now);
        Map<String, DeskOutcome> outcomes = new LinkedHashMap<>();
        facts.forEach((orderId, f) -> {
            List<DelaySignal> found = signals.getOrDefault(orderId, List.of());
            IncidentDesk.Ending ending = endings.get(orderId);
            boolean hasOpen = f.incidents().stream().anyMatch(Incident::isOpen);
            boolean late = ending instanceof IncidentDesk.Delivered && f.journey().onTime() == Boolean.FALSE;
            if (!found.isEmpty() || hasOpen || late) {
                outcomes.put(orderId, desk.decide(f, new ArrayList<>(found), ending, now));
            }
        });
        persist(outcomes, facts, now);
    }

    /**
     * Handles up to {@code limit} deadlines that came due, in the caller's transaction; returns how
     * many it took. Orders being worked on elsewhere are left for the next round.
     */
    public int onDeadlines(Instant now, int limit) throws SQLException {
        List<DeadlineStore.Due> due = deadlineStore.takeDue(now, limit);
        if (due.isEmpty()) {
            return 0;
        }
        Set<String> orderIds = new LinkedHashSet<>();
        due.forEach(d -> orderIds.add(d.orderId()));
        Map<String, Journey> current = journeys.load(orderIds);
        Instant staleBefore = now.minus(stalenessWindow);
        Map<String, List<DelaySignal>> signals = new LinkedHashMap<>();
        List<DeadlineStore.Due> moved = new ArrayList<>();
        ForecastAlerts.Moments moments = alerts().at(now);
        for (DeadlineStore.Due d : due) {
            Journey j = current.get(d.orderId());
            if (j == null) {
                continue;
            }
            if (d.kind() == DeadlineKind.FORECAST) {
                moments.warningDue(j, !d.dueAt().isBefore(staleBefore))
                        .ifPresent(s -> signals.computeIfAbsent(d.orderId(), k -> new ArrayList<>()).add(s));
                continue;
            }
            Instant fixed = deadlines.of(j).get(d.kind());
            if (fixed == null) {
                continue; // delivered, shipped or cancelled meanwhile
            }
            // A deadline set at the fixed rule's time keeps it; a learned one is learned again (news may have moved it).
            ForecastAlerts.Moment wanted = d.dueAt().equals(fixed) ? new ForecastAlerts.Moment(fixed, null)
                    : moments.dueAt(d.kind(), j, fixed);
            if (wanted.at().isAfter(now)) {
                moved.add(new DeadlineStore.Due(d.orderId(), d.kind(), wanted.at())); // news meanwhile: not due after all
                continue;
            }
            deadlines.signal(d.kind(), j, wanted.at(), staleBefore, wanted.learned())
                    .ifPresent(s -> signals.computeIfAbsent(d.orderId(), k -> new ArrayList<>()).add(s));
        }
        deadlineStore.apply(moved);
        if (!signals.isEmpty()) {
            Map<String, Journey> concerned = new HashMap<>();
            signals.keySet().forEach(id -> concerned.put(id, current.get(id)));
            decideAndPersist(concerned, signals, now);
        }
        return due.size();
    }

    /**
     * When a deadline set now comes due: at the learned moment, unless that has already passed, which
     * means the order's news reached us late (a backlog, a replay) and the rest of it may still be on
     * its way (a shipment behind its confirmation): then at the fixed rule's time, as without history.
     */
    private static Instant dueAt(ForecastAlerts.Moments moments, DeadlineKind kind, Journey j, Instant fixed,
                                 Instant now) throws SQLException {
        if (fixed == null) {
            return null;
        }
        Instant learned = moments.dueAt(kind, j, fixed).at();
        return learned.isBefore(now) ? fixed : learned;
    }

    /**
     * Signs our delivery forecast gave on the journeys of an ingest batch (their warning moment
     * already passed), in the batch's transaction, after {@link #onChanges} handled the batch.
     */
    public void onForecastWarnings(Map<String, Journey> journeys, Map<String, DelaySignal> warnings, Instant now)
            throws SQLException {
        if (warnings.isEmpty()) {
            return;
        }
        Map<String, Journey> concerned = new LinkedHashMap<>();
        Map<String, List<DelaySignal>> signals = new LinkedHashMap<>();
        warnings.forEach((orderId, s) -> {
            concerned.put(orderId, journeys.get(orderId));
            signals.put(orderId, new ArrayList<>(List.of(s)));
        });
        decideAndPersist(concerned, signals, now);
    }

    private void decideAndPersist(Map<String, Journey> concerned, Map<String, List<DelaySignal>> signals, Instant now)
            throws SQLException {
        Map<String, OrderFacts> facts = facts(concerned, now);
        Map<String, DeskOutcome> outcomes = new LinkedHashMap<>();
        facts.forEach((orderId, f) -> outcomes.put(orderId, desk.decide(f, signals.get(orderId), null, now)));
        persist(outcomes, facts, now);
    }

    /** The forecast's alerts when the forecast is there, else the fixed rules alone. */
    private ForecastAlerts alerts() {
        return forecastAlerts.isResolvable() ? forecastAlerts.get() : ForecastAlerts.FIXED;
    }

    /** Support records an incident; returns it (the open one of the same cause when there is one). */
    public Incident report(String orderId, IncidentCause cause, String note, Instant now) throws SQLException {
        OrderFacts f = lockedFacts(orderId, now);
        DeskOutcome outcome = desk.report(f, cause, note, now);
        persist(Map.of(orderId, outcome), Map.of(orderId, f), now);
        return outcome.incidents().get(0);
    }

    /** Support asks for an incident's apology (once): its message and the coupon per policy. */
    public Incident apologise(String orderId, UUID incidentId, Instant now) throws SQLException {
        OrderFacts f = lockedFacts(orderId, now);
        DeskOutcome outcome = desk.apologise(f, incidentId, now);
        persist(Map.of(orderId, outcome), Map.of(orderId, f), now);
        return outcome.incidents().get(0);
    }

    /** Support closes an incident. */
    public Incident close(String orderId, UUID incidentId, String note, Instant now) throws SQLException {
        OrderFacts f = lockedFacts(orderId, now);
        DeskOutcome outcome = desk.close(f, incidentId, note, now);
        persist(Map.of(orderId, outcome), Map.of(orderId, f), now);
        return f.incidents().stream().filter(i -> i.id().equals(incidentId)).findFirst().orElseThrow();
    }

    /** The open incidents of an order, oldest first, under the order's lock. */
    public List<Incident> openIncidents(String orderId, Instant now) throws SQLException {
        return lockedFacts(orderId, now).incidents().stream().filter(Incident::isOpen)
                .sorted(Comparator.comparing(Incident::openedAt)).toList();
    }

    private OrderFacts lockedFacts(String orderId, Instant now) throws SQLException {
        journeyStore.lockOrders(Set.of(orderId));
        Journey j = journeys.load(Set.of(orderId)).get(orderId);
        if (j == null) {
            throw new UnknownOrderException(orderId);
        }
        return facts(Map.of(orderId, j), now).get(orderId);
    }

    private Map<String, OrderFacts> facts(Map<String, Journey> concerned, Instant now) throws SQLException {
        Map<String, List<Incident>> known = incidents.incidentsOf(concerned.keySet());
        Map<String, Integer> ofOrders = incidents.couponsOfOrders(concerned.keySet());
        Set<String> customers = new LinkedHashSet<>();
        concerned.values().forEach(j -> customers.add(j.customer().id()));
        Instant monthStart = YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Integer> ofCustomers = incidents.couponsOfCustomersSince(customers, monthStart);
        Map<String, OrderFacts> facts = new LinkedHashMap<>();
        concerned.forEach((orderId, j) -> facts.put(orderId, new OrderFacts(j, known.getOrDefault(orderId, List.of()),
                ofOrders.getOrDefault(orderId, 0), ofCustomers.getOrDefault(j.customer().id(), 0))));
        return facts;
    }

    private void persist(Map<String, DeskOutcome> outcomes, Map<String, OrderFacts> facts, Instant now)
            throws SQLException {
        DeskOutcome all = new DeskOutcome();
        outcomes.values().forEach(all::addAll);
        if (all.isEmpty()) {
            return;
        }
        List<Incident> opened = all.incidents().stream().filter(Incident::isNew).toList();
        List<IncidentStore.IssuedCoupon> issued = incidents.save(all, now);
        List<OutboxMessage> events = new ArrayList<>();
        for (IncidentStore.IssuedCoupon c : issued) {
            DeskOutcome.CouponGrant g = c.grant();
            metrics.couponIssued(g.offer().kind().name(), g.dryRun());
            if (!g.dryRun()) {
                Incident i = g.incident();
                events.add(couponEvents.issued(c.id(), i.orderId(), i.customerId(), c.code(), g.offer().kind(),
                        g.offer().value(), g.offer().currency(), g.expiresAt(), i.cause().name(), i.id(), now));
            }
        }
        for (DeskOutcome.DelayDetected d : all.delays()) {
            Incident i = d.incident();
            events.add(trackingEvents.delayDetected(i.orderId(), i.id(), i.latestReason().name(), i.promisedDate(),
                    d.newDate(), d.detectedAt()));
        }
        outbox.append(events);
        List<IncidentMessage> messages = new ArrayList<>();
        for (DeskOutcome.Message m : all.messages()) {
            Journey j = facts.get(m.incident().orderId()).journey();
            messages.add(new IncidentMessage(j, m.milestone(), m.incident().id(), m.revision(), m.live(),
                    m.causeEventId(), m.causeAt()));
        }
        notifications.planIncidentMessages(messages, now);
        for (Incident i : opened) {
            metrics.opened(i, Duration.between(i.signalAt(), i.openedAt()));
            if (!i.cause().customerFacing() || i.reason() == IncidentReason.NOT_SHIPPED) {
                LOG.warnf("Incident %s on order %s: %s (%s), for support", i.id(), i.orderId(), i.cause(), i.reason());
            }
        }
    }

    /** How the order left the open state with this change, if it did. */
    private static IncidentDesk.Ending ending(JourneyChange change, List<RecordedEvent> events) {
        Journey after = change.after();
        if (after.status() == OrderStatus.CANCELLED
                && change.before().map(b -> b.status() != OrderStatus.CANCELLED).orElse(true)) {
            return new IncidentDesk.Cancelled(after.cancelledAt());
        }
        if (change.becameDelivered()) {
            RecordedEvent cause = events.stream()
                    .filter(e -> e.fact() instanceof JourneyFact.ShipmentStatusChanged s
                            && s.status() == ShipmentStatus.DELIVERED)
                    .max(Comparator.comparing(RecordedEvent::occurredAt)).orElse(null);
            return new IncidentDesk.Delivered(after.deliveredAt(), cause != null && cause.live(),
                    cause == null ? null : cause.eventId());
        }
        return null;
    }

    /** The order has no journey (unknown, or its order.placed has not arrived). */
    public static class UnknownOrderException extends RuntimeException {
        public UnknownOrderException(String orderId) {
            super("no order " + orderId);
        }
    }
}
