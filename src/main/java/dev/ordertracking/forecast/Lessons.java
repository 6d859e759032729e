package dev.ordertracking.forecast;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyChange;
import dev.ordertracking.journey.ShipmentState;

import java.util.ArrayList;
import java.util.List;

/**
 * What a journey change teaches the forecast: its dispatch time when the order's first hand-over
 * became known with it, each parcel's transit time when the order became delivered with it. Read
 * from the change (the journey before and after the new events), so an event seen again (a
 * redelivered record, a replay) changes nothing and teaches nothing twice.
 */
public final class Lessons {

    private Lessons() {
    }

    /**
     * The samples of one change, scored against {@code forecaster}'s learned state as it is now.
     *
     * @param latestDay no sample counts on a later day (the clock's today)
     */
    public static List<DeliveryForecaster.Sample> of(JourneyChange change, DeliveryForecaster forecaster,
                                                     long latestDay) {
        List<DeliveryForecaster.Sample> samples = new ArrayList<>();
        Journey after = change.after();
        if (dispatchKnown(after) && !change.before().map(Lessons::dispatchKnown).orElse(false)) {
            forecaster.dispatchSample(null, OpenOrders.dispatchStart(after), OpenOrders.firstShippedAt(after),
                    latestDay).ifPresent(samples::add);
        }
        if (change.becameDelivered()) {
            for (ShipmentState s : after.shipments()) {
                if (s.shippedAt() != null && s.deliveredAt() != null) {
                    forecaster.transitSample(OpenOrders.lane(after, s.carrier()), s.shippedAt(), s.deliveredAt(),
                            latestDay).ifPresent(samples::add);
                }
            }
        }
        return samples;
    }

    /** Whether a journey tells how long its dispatch took. */
    static boolean dispatchKnown(Journey j) {
        return OpenOrders.dispatchStart(j) != null && OpenOrders.firstShippedAt(j) != null;
    }
}
