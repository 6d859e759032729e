package dev.ordertracking.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.compensation.LoyaltyRewards;
import dev.ordertracking.delay.DelayHandling;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.JourneyStore;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.StoredEvent;
import dev.ordertracking.notification.NotificationPlanning;
import dev.ordertracking.notification.NotificationPlanning.ChangedJourney;
import dev.ordertracking.outbox.Outbox;
import dev.ordertracking.outbox.OutboxMessage;
import dev.ordertracking.platform.TrackingConfig;
import dev.ordertracking.tracking.OrderTrackingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a batch of records in one transaction: the events (whose ids are the deduplication
 * records), the journeys they change, the events those changes publish and the dead letters
 * commit together or not at all.
 */
@ApplicationScoped
public class IngestBatchHandler {

    private final CloudEventParser parser = new CloudEventParser();
    private final JourneyStore store;
    private final DeadLetters deadLetters;
    private final Outbox outbox;
    private final OrderTrackingEvents trackingEvents;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration stalenessWindow;
    private final JourneyFolder folder;
    private final NotificationPlanning notifications;
    private final StoredJourneys journeys;
    private final DelayHandling delays;
    private final LoyaltyRewards loyalty;

    public IngestBatchHandler(JourneyStore store, DeadLetters deadLetters, Outbox outbox,
                              OrderTrackingEvents trackingEvents, ObjectMapper json, Clock clock,
                              TrackingConfig config, NotificationPlanning notifications,
                              StoredJourneys journeys, DelayHandling delays, LoyaltyRewards loyalty) {
        this.delays = delays;
        this.loyalty = loyalty;
        this.notifications = notifications;
        this.journeys = journeys;
        this.store = store;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.trackingEvents = trackingEvents;
        this.json = json;
        this.clock = clock;
        this.stalenessWindow = config.ingest().stalenessWindow();
        this.folder = new JourneyFolder(config.defaults().locale(), config.defaults().timeZone());
    }

    @Transactional(rollbackOn = Exception.class)
    public BatchOutcome handle(List<IncomingRecord> records) throws SQLException {
        Instant now = clock.instant();
        Map<String, ParsedRecord.Accepted> unique = new LinkedHashMap<>();
        List<ParsedRecord.Accepted> duplicates = new ArrayList<>();
        List<ParsedRecord.Rejected> rejected = new ArrayList<>();
        List<ParsedRecord.Skipped> skipped = new ArrayList<>();
        for (IncomingRecord record : records) {
            ParsedRecord parsed = parser.parse(record);
            if (parsed instanceof ParsedRecord.Accepted a) {
                if (unique.putIfAbsent(a.id(), a) != null) {
                    duplicates.add(a);
                }
            } else if (parsed instanceof ParsedRecord.Rejected r) {
                rejected.add(r);
            } else if (parsed instanceof ParsedRecord.Skipped s) {
                skipped.add(s);
            }
        }

        Set<String> orderIds = new LinkedHashSet<>();
        unique.values().forEach(a -> orderIds.add(a.subject()));
        store.lockOrders(orderIds);
        Set<String> inserted = store.insertNew(unique.values().stream().map(a -> stored(a, now)).toList());

        List<ParsedRecord.Accepted> applied = new ArrayList<>();
        Map<String, JourneyFact> newFacts = new HashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        for (ParsedRecord.Accepted a : unique.values()) {
            if (inserted.contains(a.id())) {
                applied.add(a);
                newFacts.put(a.id(), a.fact());
                touched.add(a.subject());
            } else {
                duplicates.add(a);
            }
        }

        List<JourneyChange> changes = new ArrayList<>();
        List<ChangedJourney> changed = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        store.loadEvents(touched).forEach((orderId, events) -> {
            List<RecordedEvent> all = events.stream().map(e -> recorded(e, newFacts.get(e.eventId()))).toList();
            Optional<Journey> after = folder.fold(all);
            if (after.isPresent()) {
                Optional<Journey> before = folder.fold(all.stream().filter(e -> !inserted.contains(e.eventId())).toList());
                JourneyChange change = new JourneyChange(before, after.get());
                changes.add(change);
                changed.add(new ChangedJourney(change, all));
                messages.addAll(trackingEvents.of(change, now));
            }
        });
        store.save(changes, now);
        outbox.append(messages);
        notifications.plan(changed, now);
        delays.onChanges(changed, now);
        loyalty.reward(changed.stream().filter(c -> deliveredLive(c.events(), c.change())).map(ChangedJourney::change)
                .toList(), now);
        deadLetters.record(rejected, now);
        return new BatchOutcome(applied, duplicates, rejected, skipped, changes.size());
    }

    /** The order became delivered with this batch, by a live event (history never earns a reward). */
    private static boolean deliveredLive(List<RecordedEvent> events, JourneyChange change) {
        return change.becameDelivered() && events.stream()
                .filter(e -> e.fact() instanceof JourneyFact.ShipmentStatusChanged s
                        && s.status() == dev.ordertracking.journey.ShipmentStatus.DELIVERED)
                .max(java.util.Comparator.comparing(RecordedEvent::occurredAt))
                .map(RecordedEvent::live).orElse(false);
    }

    /** Dead-letters one record that could not be processed for a reason other than its content. */
    @Transactional(rollbackOn = Exception.class)
    public void deadLetter(IncomingRecord record, String reason) throws SQLException {
        deadLetters.record(List.of(new ParsedRecord.Rejected(record, reason)), clock.instant());
    }

    /** The last resort when {@link #deadLetter} fails: the record's coordinates, reason and value only. */
    @Transactional(rollbackOn = Exception.class)
    public void deadLetterStripped(IncomingRecord record, String reason) throws SQLException {
        deadLetters.recordStripped(new ParsedRecord.Rejected(record, reason), clock.instant());
    }

    private StoredEvent stored(ParsedRecord.Accepted a, Instant now) {
        IncomingRecord r = a.record();
        boolean live = !a.time().isBefore(now.minus(stalenessWindow));
        return new StoredEvent(a.id(), a.subject(), a.type(), a.source(), a.time(), now, live, r.topic(),
                r.partition(), r.offset(), a.data().toString());
    }

    private RecordedEvent recorded(StoredEvent e, JourneyFact known) {
        return journeys.recorded(e, known);
    }
}
