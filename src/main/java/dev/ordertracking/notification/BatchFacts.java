package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one dispatch round knows about the messages it claimed, read together: the orders, their
 * tracking links, the customers' consent, the messages each order got today, the incidents told of.
 * The day's counts grow as the round sends, so one round cannot exceed an order's cap.
 */
final class BatchFacts {

    private final Map<String, Journey> journeys;
    private final Map<String, String> trackingTokens;
    private final Map<String, Consent> consent;
    private final Map<String, Integer> sentToday;
    private final Map<UUID, IncidentNoteService.Note> incidents;
    private final Map<String, IncidentNoteService.Note> thankYous;

    BatchFacts(Map<String, Journey> journeys, Map<String, String> trackingTokens, Map<String, Consent> consent,
               Map<String, Integer> sentToday, Map<UUID, IncidentNoteService.Note> incidents,
               Map<String, IncidentNoteService.Note> thankYous) {
        this.journeys = journeys;
        this.trackingTokens = trackingTokens;
        this.consent = consent;
        this.sentToday = new HashMap<>(sentToday);
        this.incidents = incidents;
        this.thankYous = thankYous;
    }

    SendFacts about(ClaimedNotification n, Instant now, boolean providerConfigured) {
        IncidentNoteService.Note incident = incident(n);
        return new SendFacts(now, journeys.get(n.orderId()), consent.getOrDefault(n.customerId(), Consent.DEFAULT),
                incident == null ? null : incident.revision(), sentToday.getOrDefault(n.orderId(), 0),
                providerConfigured, null);
    }

    /** Counts a message against its order's cap as it is sent. */
    void countSent(String orderId) {
        sentToday.merge(orderId, 1, Integer::sum);
    }

    String trackingToken(String orderId) {
        return trackingTokens.get(orderId);
    }

    /** The incident the message tells of, or null. */
    IncidentNoteService.Note incident(ClaimedNotification n) {
        return n.incidentId() == null ? null : incidents.get(n.incidentId());
    }

    /** The coupon a feedback request thanks the customer with, or null. */
    IncidentNoteService.Note thankYou(String orderId) {
        return thankYous.get(orderId);
    }
}
