package dev.ordertracking.forecast;

import java.time.Instant;

/**
 * When an open order should arrive, from what is known now.
 *
 * @param basis             what the forecast was conditioned on
 * @param mostLikely        p50 delivery instant; null when {@code overdue}
 * @param latest            the "at the latest" instant (calibrated p90); null when {@code overdue}
 * @param onTimeProbability probability of delivery by the promise deadline (0 once it has passed)
 * @param warnAt            the instant from which, if still undelivered, the promise is missed with at least the
 *                          warning threshold's probability (now if already so); null if that happens only after
 *                          the promise deadline, or there is no promise
 * @param lane              the transit lane the forecast rests on, and its samples in the window
 * @param dispatchKey       the dispatch history it rests on (null once shipped), and its samples
 * @param overdue           the parcel has taken longer than any its lane has seen in the window: no range can be
 *                          given, and it counts as missing the promise
 */
public record Forecast(Basis basis, Instant mostLikely, Instant latest, double onTimeProbability, Instant warnAt,
                       String lane, long laneSamples, String dispatchKey, long dispatchSamples, boolean overdue) {

    public enum Basis {
        /** Not yet handed over: the rest of the dispatch time, then transit. */
        NOT_SHIPPED,
        /** Handed over and not delivered yet: transit, given the time it has already taken. */
        SHIPPED
    }
}
