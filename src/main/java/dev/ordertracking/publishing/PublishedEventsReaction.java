package dev.ordertracking.publishing;

import dev.ordertracking.journey.ChangedJourney;
import dev.ordertracking.journey.JourneyReaction;
import dev.ordertracking.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Publishes the order-tracking.v1 events a journey change means, through the outbox. */
@ApplicationScoped
public class PublishedEventsReaction implements JourneyReaction {

    private final OrderTrackingEvents events;
    private final Outbox outbox;

    public PublishedEventsReaction(OrderTrackingEvents events, Outbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    @Override
    public int order() {
        return PUBLISHED_EVENTS;
    }

    @Override
    public void onChanges(List<ChangedJourney> changes, Instant now) throws SQLException {
        outbox.append(changes.stream().flatMap(c -> events.of(c.change(), now).stream()).toList());
    }
}
