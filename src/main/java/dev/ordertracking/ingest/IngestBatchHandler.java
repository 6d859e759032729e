package dev.ordertracking.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.JourneyFact;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.JourneyReaction;
import dev.ordertracking.journey.JourneyStore;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.StoredEvent;
import dev.ordertracking.journey.StoredJourneys;
import dev.ordertracking.platform.TrackingSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a batch of records in one transaction: the events (whose ids are the deduplication
 * records), the journeys they change, what the features' {@link JourneyReaction}s write about those
 * changes (published events, messages, deadlines and incidents, rewards) and the dead letters
 * commit together or not at all.
 */
@ApplicationScoped
public class IngestBatchHandler {

    private final CloudEventParser parser;
    private final JourneyStore store;
    private final DeadLetterService deadLetters;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration stalenessWindow;
    private final JourneyFolder folder;
    private final StoredJourneys journeys;
    private final List<JourneyReaction> reactions;
    private final StoredEventCountStore eventCounts;
    private final Duration maxFutureSkew;
    private final int maxEventsPerOrder;

    public IngestBatchHandler(JourneyStore store, DeadLetterService deadLetters, ObjectMapper json, Clock clock,
                              TrackingSettings config, StoredJourneys journeys, Instance<JourneyReaction> reactions,
                              StoredEventCountStore eventCounts) {
        this.parser = new CloudEventParser(config.ingest().maxRecordBytes());
        this.eventCounts = eventCounts;
        this.maxFutureSkew = config.ingest().maxFutureSkew();
        this.maxEventsPerOrder = config.ingest().maxEventsPerOrder();
        this.journeys = journeys;
        this.reactions = inOrder(reactions);
        this.store = store;
        this.deadLetters = deadLetters;
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
            String ahead = parsed instanceof ParsedRecord.Accepted a ? tooFarAhead(a, now) : null;
            if (ahead != null) {
                parsed = new ParsedRecord.Rejected(record, ahead);
            }
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
        capHistory(unique, rejected);
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
        store.loadEvents(touched).forEach((orderId, events) -> {
            List<RecordedEvent> all = events.stream().map(e -> recorded(e, newFacts.get(e.eventId()))).toList();
            Optional<Journey> after = folder.fold(all);
            if (after.isPresent()) {
                Optional<Journey> before = folder.fold(all.stream().filter(e -> !inserted.contains(e.eventId())).toList());
                JourneyChange change = new JourneyChange(before, after.get());
                changes.add(change);
                changed.add(new ChangedJourney(change, all));
            }
        });
        store.save(changes, now);
        for (JourneyReaction reaction : reactions) {
            reaction.onChanges(changed, now);
        }
        deadLetters.record(rejected, now);
        return new BatchOutcome(applied, duplicates, rejected, skipped, changes.size());
    }

    /**
     * Why an event dated beyond our clock plus the allowed skew is refused (null when it is not):
     * it would stay the order's latest news, and its deadlines wrong, until that date.
     */
    private String tooFarAhead(ParsedRecord.Accepted a, Instant now) {
        Instant limit = now.plus(maxFutureSkew);
        if (a.time().isAfter(limit)) {
            return "time " + a.time() + " is more than " + maxFutureSkew + " ahead of our clock ("
                    + now + "; tracking.ingest.max-future-skew)";
        }
        Instant happened = happenedAt(a.fact());
        if (happened != null && happened.isAfter(limit)) {
            return "data." + happenedField(a.fact()) + " " + happened + " is more than " + maxFutureSkew
                    + " ahead of our clock (" + now + "; tracking.ingest.max-future-skew)";
        }
        return null;
    }

    private static Instant happenedAt(JourneyFact fact) {
        if (fact instanceof JourneyFact.OrderPlaced f) {
            return f.placedAt();
        } else if (fact instanceof JourneyFact.OrderConfirmed f) {
            return f.confirmedAt();
        } else if (fact instanceof JourneyFact.OrderCancelled f) {
            return f.cancelledAt();
        } else if (fact instanceof JourneyFact.ShipmentCreated f) {
            return f.shippedAt();
        } else if (fact instanceof JourneyFact.ShipmentStatusChanged f) {
            return f.occurredAt();
        }
        return null;
    }

    private static String happenedField(JourneyFact fact) {
        if (fact instanceof JourneyFact.OrderPlaced) {
            return "placedAt";
        } else if (fact instanceof JourneyFact.OrderConfirmed) {
            return "confirmedAt";
        } else if (fact instanceof JourneyFact.OrderCancelled) {
            return "cancelledAt";
        } else if (fact instanceof JourneyFact.ShipmentCreated) {
            return "shippedAt";
        }
        return "occurredAt";
    }

    /**
     * Keeps each order's history within {@code tracking.ingest.max-events-per-order}: new events
     * beyond it are moved from {@code unique} to {@code rejected}. Events already stored stay (they
     * are duplicates, counted as such). Runs under the orders' locks, so the counts hold.
     */
    private void capHistory(Map<String, ParsedRecord.Accepted> unique, List<ParsedRecord.Rejected> rejected)
            throws SQLException {
        Map<String, Integer> perOrder = new HashMap<>();
        unique.values().forEach(a -> perOrder.merge(a.subject(), 1, Integer::sum));
        Map<String, Integer> stored = eventCounts.byOrder(perOrder.keySet());
        Set<String> crowded = new LinkedHashSet<>();
        perOrder.forEach((order, incoming) -> {
            if (stored.getOrDefault(order, 0) + incoming > maxEventsPerOrder) {
                crowded.add(order);
            }
        });
        if (crowded.isEmpty()) {
            return;
        }
        Set<String> known = eventCounts.stored(unique.values().stream()
                .filter(a -> crowded.contains(a.subject())).map(ParsedRecord.Accepted::id).toList());
        Map<String, Integer> held = new HashMap<>(stored);
        var it = unique.values().iterator();
        while (it.hasNext()) {
            ParsedRecord.Accepted a = it.next();
            if (!crowded.contains(a.subject()) || known.contains(a.id())) {
                continue;
            }
            if (held.getOrDefault(a.subject(), 0) < maxEventsPerOrder) {
                held.merge(a.subject(), 1, Integer::sum);
            } else {
                it.remove();
                rejected.add(new ParsedRecord.Rejected(a.record(), "order " + a.subject() + " already holds "
                        + maxEventsPerOrder + " events, the most one order may have (tracking.ingest.max-events-per-order)"));
            }
        }
    }

    /** The reactions in their stated order; two with the same order value would run in no defined order. */
    private static List<JourneyReaction> inOrder(Instance<JourneyReaction> reactions) {
        List<JourneyReaction> sorted = reactions.stream().sorted(Comparator.comparingInt(JourneyReaction::order)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).order() == sorted.get(i - 1).order()) {
                throw new IllegalStateException("journey reactions " + sorted.get(i - 1).getClass().getName() + " and "
                        + sorted.get(i).getClass().getName() + " share the order " + sorted.get(i).order());
            }
        }
        return sorted;
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
