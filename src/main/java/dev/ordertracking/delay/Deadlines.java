package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.journey.ShipmentState;
import dev.ordertracking.journey.ShipmentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The deadlines a journey should have, and what a deadline that came due means for it now. Stored
 * deadlines change only when this answer changes between two versions of a journey, so a deadline
 * that fired is not set again by later events that leave it as it was.
 */
public final class Deadlines {

    private final Duration dispatchWindow;
    private final Duration stallAfter;

    public Deadlines(Duration dispatchWindow, Duration stallAfter) {
        this.dispatchWindow = dispatchWindow;
        this.stallAfter = stallAfter;
    }

    public Map<DeadlineKind, Instant> of(Journey j) {
        Map<DeadlineKind, Instant> due = new EnumMap<>(DeadlineKind.class);
        if (j.status() == OrderStatus.DELIVERED || j.status() == OrderStatus.CANCELLED) {
            return due;
        }
        due.put(DeadlineKind.PROMISE, j.promiseDeadline());
        boolean shipped = j.shipments().stream().anyMatch(s -> s.shippedAt() != null);
        if (j.confirmedAt() != null && !shipped) {
            due.put(DeadlineKind.DISPATCH, j.confirmedAt().plus(dispatchWindow));
        }
        boolean moving = j.shipments().stream().anyMatch(s -> s.status() != null && !s.status().isTerminal()
                && s.status() != ShipmentStatus.AVAILABLE_FOR_PICKUP);
        if (shipped && moving) {
            Instant lastNews = j.shipments().stream().map(ShipmentState::shippedAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElseThrow();
            if (j.lastCarrierUpdateAt() != null && j.lastCarrierUpdateAt().isAfter(lastNews)) {
                lastNews = j.lastCarrierUpdateAt();
            }
            due.put(DeadlineKind.STALL, lastNews.plus(stallAfter));
        }
        return due;
    }

    /**
     * The sign a deadline that came due gives, checked against the journey as it is now; empty
     * when the order no longer has that deadline (delivered, shipped, news arrived meanwhile).
     *
     * @param staleBefore a deadline older than this is history: recorded, nobody is messaged
     */
    public Optional<DelaySignal> signal(DeadlineKind kind, Journey j, Instant now, Instant staleBefore) {
        Instant due = of(j).get(kind);
        if (due == null || due.isAfter(now)) {
            return Optional.empty();
        }
        return signal(kind, j, due, staleBefore, null);
    }

    /**
     * The sign of a deadline the order still has, due at {@code due} (by the fixed rule or, for
     * {@code NOT_SHIPPED} and {@code STALLED}, at a learned moment, which {@code learned} then says in words).
     */
    public Optional<DelaySignal> signal(DeadlineKind kind, Journey j, Instant due, Instant staleBefore,
                                        String learned) {
        if (!of(j).containsKey(kind)) {
            return Optional.empty();
        }
        boolean live = !due.isBefore(staleBefore);
        return Optional.of(switch (kind) {
            case PROMISE -> new DelaySignal(SignalKind.PROMISE_DEADLINE, IncidentCause.DELAY,
                    IncidentReason.PROMISE_BROKEN, null, null, "not delivered by the end of "
                    + j.promisedDeliveryDate() + " in " + j.customer().timeZone(), null, due, live);
            case DISPATCH -> new DelaySignal(SignalKind.DISPATCH_DEADLINE, IncidentCause.DELAY,
                    IncidentReason.NOT_SHIPPED, null, null, learned != null ? learned : "confirmed " + j.confirmedAt()
                    + " and not handed to a carrier within " + dispatchWindow, null, due, live);
            case STALL -> new DelaySignal(SignalKind.STALL_DEADLINE, IncidentCause.STALLED, IncidentReason.STALLED,
                    null, null, learned != null ? learned : "no carrier update for " + stallAfter, null, due, live);
            case FORECAST -> throw new IllegalArgumentException("the forecast's warning moment gives its own sign");
        });
    }
}
