package dev.ordertracking.notification;

import dev.ordertracking.journey.JourneyStore;
import dev.ordertracking.journey.StoredJourneys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Gathers what a dispatch round needs to know about the messages it claimed, from their stores. */
@ApplicationScoped
public class DispatchFacts {

    private static final Duration DAY = Duration.ofHours(24);

    private final StoredJourneys journeys;
    private final JourneyStore journeyStore;
    private final NotificationStore ledger;
    private final IncidentNoteService incidentNotes;

    public DispatchFacts(StoredJourneys journeys, JourneyStore journeyStore, NotificationStore ledger,
                         IncidentNoteService incidentNotes) {
        this.journeys = journeys;
        this.journeyStore = journeyStore;
        this.ledger = ledger;
        this.incidentNotes = incidentNotes;
    }

    /** Reads in the caller's transaction, so the round sees one state of the database. */
    @Transactional(Transactional.TxType.MANDATORY)
    BatchFacts load(Channel channel, List<ClaimedNotification> claimed, Instant now) throws SQLException {
        Set<String> orderIds = new LinkedHashSet<>();
        claimed.forEach(c -> orderIds.add(c.orderId()));
        Set<UUID> incidentIds = claimed.stream().map(ClaimedNotification::incidentId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> feedbackOrders = claimed.stream().filter(c -> c.milestone() == Milestone.FEEDBACK_REQUEST)
                .map(ClaimedNotification::orderId).collect(Collectors.toSet());
        return new BatchFacts(journeys.load(orderIds),
                journeyStore.trackingTokens(orderIds),
                ledger.consent(phones(claimed)),
                ledger.sentSince(orderIds, channel, now.minus(DAY), claimed.stream().map(ClaimedNotification::id).toList()),
                incidentNotes.load(incidentIds),
                incidentNotes.thankYous(feedbackOrders));
    }

    /** Each customer's phone number as the consent check wants it: only SMS messages name one. */
    private static Map<String, String> phones(List<ClaimedNotification> claimed) {
        Map<String, String> phones = new HashMap<>();
        claimed.forEach(c -> phones.put(c.customerId(), c.channel() == Channel.SMS ? c.recipient() : null));
        return phones;
    }
}
