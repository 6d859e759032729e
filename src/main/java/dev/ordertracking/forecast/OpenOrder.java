package dev.ordertracking.forecast;

import java.time.Instant;
import java.util.Objects;

/**
 * What a forecast needs to know of an order that is not delivered yet.
 *
 * @param shop            whose dispatch times apply (null: the shop of every order)
 * @param lane            where it goes, with which carrier (the carrier may be unknown before hand-over)
 * @param confirmedAt     when dispatch started: confirmation (placement while unconfirmed)
 * @param shippedAt       hand-over to the carrier, null while not shipped (of several parcels, the last handed over)
 * @param promiseDeadline end of the promised day in the customer's time zone; null without a promise
 */
public record OpenOrder(String shop, Lane lane, Instant confirmedAt, Instant shippedAt, Instant promiseDeadline) {

    public OpenOrder {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
