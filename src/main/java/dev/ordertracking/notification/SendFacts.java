package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;

import java.time.Instant;

/**
 * What is known about a claimed message when it is due to go out: the input of {@link SendRules}.
 *
 * @param journey            the order as it is now; null when its events are gone
 * @param consent            what the customer allows
 * @param incidentRevision   the latest notice of the incident the message tells of; null when it tells of none
 * @param sentToday          messages the order got on this channel in the last 24 hours, this round's included
 * @param providerConfigured whether the channel's provider is set up
 * @param earlierAttempt     for a message in doubt, what the provider said of an earlier attempt; null until asked
 */
public record SendFacts(Instant now, Journey journey, Consent consent, Integer incidentRevision, int sentToday,
                        boolean providerConfigured, EarlierAttempt earlierAttempt) {

    /** The provider's answer to "did an earlier attempt of this message reach you?" */
    public record EarlierAttempt(boolean answered, String providerId) {

        public static EarlierAttempt found(String providerId) {
            return new EarlierAttempt(true, providerId);
        }

        public static EarlierAttempt notFound() {
            return new EarlierAttempt(true, null);
        }

        /** The provider could not be asked. */
        public static EarlierAttempt unanswered() {
            return new EarlierAttempt(false, null);
        }
    }

    public SendFacts withEarlierAttempt(EarlierAttempt answer) {
        return new SendFacts(now, journey, consent, incidentRevision, sentToday, providerConfigured, answer);
    }
}
