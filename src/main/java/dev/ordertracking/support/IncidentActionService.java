package dev.ordertracking.support;

import dev.ordertracking.delay.DelayHandling;
import dev.ordertracking.delay.Incident;
import dev.ordertracking.delay.IncidentCause;
import dev.ordertracking.delay.IncidentDesk;
import dev.ordertracking.notification.NotificationSignal;
import dev.ordertracking.platform.Refusal;
import dev.ordertracking.support.IncidentViews.IncidentView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What support does with an order's incidents, each in one transaction under the order's lock. */
@ApplicationScoped
public class IncidentActionService {

    /** What support can report; the carrier's causes (delays, lost parcels) come from events and deadlines. */
    static final Set<IncidentCause> REPORTABLE = Set.of(IncidentCause.WRONG_ITEM, IncidentCause.DAMAGED,
            IncidentCause.MISSING_ITEM, IncidentCause.OTHER);

    public record NewIncident(@NotBlank String type, @NotBlank @Size(max = 2000) String note) {
    }

    public record Closing(@Size(max = 2000) String note) {
    }

    /** Which incident to apologise for; without one, the oldest open incident the customer has not heard of. */
    public record ApologyRequest(UUID incidentId) {
    }

    /** An incident and whether this request created it. */
    public record Reported(IncidentView incident, boolean created) {
    }

    private final DelayHandling handling;
    private final IncidentViewStore incidents;
    private final NotificationSignal dispatcher;
    private final Clock clock;

    public IncidentActionService(DelayHandling handling, IncidentViewStore incidents, NotificationSignal dispatcher,
                           Clock clock) {
        this.handling = handling;
        this.incidents = incidents;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public Reported report(String orderId, NewIncident body) {
        IncidentCause cause = reportable(body.type());
        Incident incident = run(() -> handling.report(orderId, cause, body.note().strip(), clock.instant()), orderId);
        IncidentView view = incidents.find(orderId, incident.id()).orElseThrow();
        return new Reported(view, view.signals().size() == 1);
    }

    public IncidentView find(String orderId, String incidentId) {
        return incidents.find(orderId, id(incidentId)).orElseThrow(() -> new Refusal.Unknown(
                "order " + orderId + " has no incident " + incidentId));
    }

    public IncidentView close(String orderId, String incidentId, Closing body) {
        UUID id = id(incidentId);
        run(() -> handling.close(orderId, id, body == null ? null : body.note(), clock.instant()), orderId);
        return incidents.find(orderId, id).orElseThrow();
    }

    public IncidentView apologise(String orderId, ApologyRequest body) {
        Incident incident = run(() -> {
            UUID id = body == null ? null : body.incidentId();
            if (id == null) {
                id = handling.openIncidents(orderId, clock.instant()).stream()
                        .filter(i -> i.revision() == 0).map(Incident::id).findFirst()
                        .orElseThrow(() -> new Refusal.Conflict("order " + orderId
                                + " has no open incident the customer has not been told about"));
            }
            return handling.apologise(orderId, id, clock.instant());
        }, orderId);
        // Committed by now: a dispatcher of this process can claim the messages at once.
        dispatcher.wake();
        return incidents.find(orderId, incident.id()).orElseThrow();
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    /** Runs in one transaction and says the desk's refusals in the terms of the service. */
    private static <T> T run(Work<T> work, String orderId) {
        try {
            return QuarkusTransaction.requiringNew().call(work::run);
        } catch (RuntimeException e) {
            RuntimeException cause = e instanceof QuarkusTransactionException && e.getCause() instanceof RuntimeException r
                    ? r : e;
            if (cause instanceof DelayHandling.UnknownOrderException) {
                throw new Refusal.Unknown("no order " + orderId);
            }
            if (cause instanceof IncidentDesk.NoSuchIncident) {
                throw new Refusal.Unknown(cause.getMessage());
            }
            if (cause instanceof IncidentDesk.Refused) {
                throw new Refusal.Conflict(cause.getMessage());
            }
            throw cause;
        }
    }

    private static IncidentCause reportable(String type) {
        try {
            IncidentCause cause = IncidentCause.valueOf(type.strip());
            if (REPORTABLE.contains(cause)) {
                return cause;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new Refusal.InvalidRequest("type '" + type + "' is not one of "
                + List.of("WRONG_ITEM", "DAMAGED", "MISSING_ITEM", "OTHER"));
    }

    private static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new Refusal.InvalidRequest("incident id '" + value + "' is not a UUID");
        }
    }
}
