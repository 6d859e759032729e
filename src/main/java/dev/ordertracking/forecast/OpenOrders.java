package dev.ordertracking.forecast;

import dev.ordertracking.journey.Address;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.ShipmentState;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * What the forecast reads of a journey: where it goes and with whom, when its dispatch started and
 * when its parcel was handed over. The service and the backtest read journeys the same way.
 */
public final class OpenOrders {

    private OpenOrders() {
    }

    /** The journey as a forecast sees it (the shop is not known from a journey: every shop's dispatch counts). */
    public static OpenOrder of(Journey j) {
        return new OpenOrder(null, lane(j, carrier(j)), dispatchStart(j), lastShippedAt(j), j.promiseDeadline());
    }

    /** Where dispatch counts from: confirmation, or placement while unconfirmed. */
    public static Instant dispatchStart(Journey j) {
        return j.confirmedAt() != null ? j.confirmedAt() : j.placedAt();
    }

    public static Lane lane(Journey j, String carrier) {
        Address a = j.shippingAddress();
        return a == null ? new Lane(carrier, null, null, null)
                : new Lane(carrier, a.country(), a.region(), a.postalCode());
    }

    /** The carrier of the order's first parcel that names one; null before hand-over. */
    public static String carrier(Journey j) {
        return j.shipments().stream().filter(s -> s.carrier() != null).map(ShipmentState::carrier).findFirst()
                .orElse(null);
    }

    /** The first hand-over: where dispatch ends. */
    public static Instant firstShippedAt(Journey j) {
        return j.shipments().stream().map(ShipmentState::shippedAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /** The hand-over the order's delivery waits for: of its undelivered parcels, the last handed over. */
    public static Instant lastShippedAt(Journey j) {
        return j.shipments().stream().filter(s -> s.deliveredAt() == null).map(ShipmentState::shippedAt)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
