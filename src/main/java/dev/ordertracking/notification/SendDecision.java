package dev.ordertracking.notification;

import java.time.Instant;

/** What becomes of a claimed message at send time, as {@link SendRules} decide it. */
public sealed interface SendDecision {

    /** Render it and hand it to the provider. */
    record Send() implements SendDecision {
    }

    /**
     * An earlier attempt may have reached the provider unrecorded: ask the provider, then decide
     * again with its answer ({@link SendFacts#earlierAttempt()}).
     */
    record AskProviderFirst() implements SendDecision {
    }

    /** The channel has no provider: keep the rendered text and look again at {@code recheckAt}. */
    record WaitForProvider(Instant recheckAt, String why) implements SendDecision {

        public Transition transition() {
            return Transition.later(NotificationStatus.WAITING_FOR_PROVIDER, why, recheckAt);
        }
    }

    /** Recorded as it stands; nothing is sent. */
    sealed interface Settled extends SendDecision {
        Transition transition(Instant now);
    }

    /** Can never be sent. */
    record Fail(String why) implements Settled {
        @Override
        public Transition transition(Instant now) {
            return Transition.to(NotificationStatus.FAILED, why);
        }
    }

    /** The customer does not allow it (or gave no address for the channel). */
    record Suppress(String why) implements Settled {
        @Override
        public Transition transition(Instant now) {
            return Transition.to(NotificationStatus.SUPPRESSED, why);
        }
    }

    /** No longer worth saying: superseded, or the order's daily cap reached. */
    record Drop(String why) implements Settled {
        @Override
        public Transition transition(Instant now) {
            return Transition.to(NotificationStatus.DROPPED, why);
        }
    }

    /** Not now (quiet hours): claimed again at {@code until}. */
    record Defer(Instant until, String why) implements Settled {
        @Override
        public Transition transition(Instant now) {
            return Transition.later(NotificationStatus.DEFERRED, why, until);
        }
    }

    /** An earlier attempt reached the provider: recorded as accepted, not sent again. */
    record AlreadyAccepted(String providerId) implements Settled {
        @Override
        public Transition transition(Instant now) {
            return Transition.accepted(NotificationStatus.ACCEPTED, providerId, "queued", now);
        }
    }

    /** Tried again at {@code at}, keeping what went wrong. */
    record Retry(Instant at, String why, String errorCode, String errorMessage) implements Settled {
        @Override
        public Transition transition(Instant now) {
            return Transition.failed(NotificationStatus.RETRYING, why, at, errorCode, errorMessage);
        }
    }

    /** Out of attempts: failed, keeping what went wrong last. */
    record GiveUp(String why, String errorCode, String errorMessage) implements Settled {
        @Override
        public Transition transition(Instant now) {
            return Transition.failed(NotificationStatus.FAILED, why, null, errorCode, errorMessage);
        }
    }
}
