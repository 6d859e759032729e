package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

import static dev.ordertracking.journey.JourneyEvents.cancelled;
import static dev.ordertracking.journey.JourneyEvents.confirmed;
import static dev.ordertracking.journey.JourneyEvents.fold;
import static dev.ordertracking.journey.JourneyEvents.placed;
import static dev.ordertracking.journey.JourneyEvents.shipped;
import static dev.ordertracking.journey.JourneyEvents.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The send-time rules, one at a time, and the order in which they apply. */
class SendRulesTest {

    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z"); // 12:00 in London
    private static final Instant NIGHT = Instant.parse("2026-11-24T22:00:00Z"); // 22:00 in London
    private static final Instant MORNING = Instant.parse("2026-11-25T08:00:00Z");
    private static final int CAP = 4;
    private static final SendDecision SEND = new SendDecision.Send();

    /** Jitter at its lowest: attempt n waits half of 5 s * 2^(n-1). */
    private final Retries retries = new Retries(8, new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15)), () -> 0L);
    private final SendRules rules = new SendRules(new QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0)), CAP,
            Duration.ofHours(1), retries);

    private final Journey shippedOrder = fold(placed("e1", "2026-11-24T07:00:00Z"),
            confirmed("e2", "2026-11-24T07:10:00Z"), shipped("e3", "S1", "2026-11-24T07:30:00Z"));
    private final Journey cancelledOrder = fold(placed("e1", "2026-11-24T07:00:00Z"),
            confirmed("e2", "2026-11-24T07:10:00Z"), cancelled("e3", "2026-11-24T07:30:00Z"));
    private final Journey deliveredOrder = fold(placed("e1", "2026-11-24T07:00:00Z"),
            confirmed("e2", "2026-11-24T07:10:00Z"), shipped("e3", "S1", "2026-11-24T07:30:00Z"),
            status("e4", "S1", ShipmentStatus.DELIVERED, "2026-11-24T11:00:00Z"));

    /** A claimed message, SMS about SHIPPED to a London customer, first attempt, unless changed. */
    private static final class Message {
        Milestone milestone = Milestone.SHIPPED;
        Channel channel = Channel.SMS;
        String recipient = "+447700900123";
        NotificationStatus previousStatus = NotificationStatus.PENDING;
        int attempts = 1;
        String body;
        String errorCode;
        UUID resendOf;
        UUID incidentId;
        Integer incidentRevision;

        Message email() {
            channel = Channel.EMAIL;
            recipient = "sara@example.com";
            return this;
        }

        /** Claimed again after a claim that ran out mid-send: the provider may have it. */
        Message inDoubt() {
            previousStatus = NotificationStatus.SENDING;
            body = "Your order A1001 is on its way";
            return this;
        }

        Message resend() {
            resendOf = UUID.randomUUID();
            return this;
        }

        Message incidentNotice(int revision) {
            milestone = Milestone.DELAY_NOTICE;
            incidentId = UUID.randomUUID();
            incidentRevision = revision;
            return this;
        }

        ClaimedNotification claimed() {
            return new ClaimedNotification(UUID.randomUUID(), "A1001", "C42", milestone, channel, "S1",
                    "A1001/" + milestone + "/S1/" + channel, recipient, "en-GB", "Europe/London", previousStatus,
                    attempts, null, body, null, errorCode, NOON, null, NOON, resendOf, incidentId, incidentRevision,
                    null);
        }
    }

    private static Message message() {
        return new Message();
    }

    /** Everything in order: the order exists, consent given, a provider, nothing sent today. */
    private SendFacts facts(Journey journey, Instant now) {
        return new SendFacts(now, journey, Consent.DEFAULT, null, 0, true, null);
    }

    private SendFacts facts() {
        return facts(shippedOrder, NOON);
    }

    private SendDecision decide(Message m, SendFacts facts) {
        return rules.decide(m.claimed(), facts);
    }

    @Test
    void aMessageThatMeetsEveryRuleIsSent() {
        assertEquals(SEND, decide(message(), facts()));
        assertEquals(SEND, decide(message().email(), facts()));
    }

    @Test
    void anOrderWhoseEventsAreGoneFails() {
        assertEquals(new SendDecision.Fail("the order's events are gone"), decide(message(), facts(null, NOON)));
    }

    @Test
    void whatTheCustomerDoesNotAllowIsSuppressed() {
        assertEquals(new SendDecision.Suppress("the customer turned SMS off"),
                decide(message(), new SendFacts(NOON, shippedOrder, new Consent(false, true, false), null, 0, true, null)));
        assertEquals(new SendDecision.Suppress("the number opted out of SMS (STOP)"),
                decide(message(), new SendFacts(NOON, shippedOrder, new Consent(true, true, true), null, 0, true, null)));
        assertEquals(new SendDecision.Suppress("the customer turned e-mail off"),
                decide(message().email(), new SendFacts(NOON, shippedOrder, new Consent(true, false, false), null, 0,
                        true, null)));
        Message noPhone = message();
        noPhone.recipient = null;
        assertEquals(new SendDecision.Suppress("no phone number on the order"), decide(noPhone, facts()));
    }

    @Test
    void consentIsCheckedEvenForAResend() {
        assertEquals(new SendDecision.Suppress("the number opted out of SMS (STOP)"), decide(message().resend(),
                new SendFacts(NOON, shippedOrder, new Consent(true, true, true), null, 0, true, null)));
    }

    @Test
    void aCancelledOrderSupersedesItsOtherMessages() {
        assertEquals(new SendDecision.Drop("superseded: the order was cancelled"),
                decide(message(), facts(cancelledOrder, NOON)));
        Message cancellation = message();
        cancellation.milestone = Milestone.CANCELLED;
        assertEquals(SEND, decide(cancellation, facts(cancelledOrder, NOON)));
    }

    @Test
    void aDeliveredOrderSupersedesTheMessagesDeliveryMakesOld() {
        assertEquals(new SendDecision.Drop("superseded: the order was delivered"),
                decide(message(), facts(deliveredOrder, NOON)));
        Message delivered = message();
        delivered.milestone = Milestone.DELIVERED;
        assertEquals(SEND, decide(delivered, facts(deliveredOrder, NOON)));
    }

    @Test
    void aResendIsNeverSuperseded() {
        assertEquals(SEND, decide(message().resend(), facts(cancelledOrder, NOON)));
        assertEquals(SEND, decide(message().resend(), facts(deliveredOrder, NOON)));
    }

    @Test
    void anSmsInTheCustomersQuietHoursWaitsForTheMorning() {
        assertEquals(new SendDecision.Defer(MORNING, "quiet hours in Europe/London until " + MORNING),
                decide(message(), facts(shippedOrder, NIGHT)));
    }

    @Test
    void anEmailIsNotHeldByQuietHours() {
        assertEquals(SEND, decide(message().email(), facts(shippedOrder, NIGHT)));
    }

    @Test
    void anSmsThatMayHaveGoneOutIsCheckedWithTheProviderFirst() {
        assertEquals(new SendDecision.AskProviderFirst(), decide(message().inDoubt(), facts()));
    }

    @Test
    void anSmsTheProviderAlreadyHasIsRecordedAsAccepted() {
        SendDecision decision = decide(message().inDoubt(),
                facts().withEarlierAttempt(SendFacts.EarlierAttempt.found("SM123")));
        assertEquals(new SendDecision.AlreadyAccepted("SM123"), decision);
        assertEquals(Transition.accepted(NotificationStatus.ACCEPTED, "SM123", "queued", NOON),
                ((SendDecision.Settled) decision).transition(NOON));
    }

    @Test
    void anSmsTheProviderDoesNotHaveIsSent() {
        assertEquals(SEND, decide(message().inDoubt(), facts().withEarlierAttempt(SendFacts.EarlierAttempt.notFound())));
    }

    @Test
    void anSmsInDoubtIsRetriedWhileTheProviderCannotBeAsked() {
        Message m = message().inDoubt();
        m.attempts = 2;
        assertEquals(new SendDecision.Retry(NOON.plusSeconds(5), "attempt 2 failed; next in 5 s", null,
                        "could not ask Twilio whether an earlier attempt went through"),
                decide(m, facts().withEarlierAttempt(SendFacts.EarlierAttempt.unanswered())));
    }

    @Test
    void anSmsInDoubtFailsOnceItsAttemptsAreUsedUp() {
        Message m = message().inDoubt();
        m.attempts = 8;
        assertEquals(new SendDecision.GiveUp("gave up after 8 attempts", null,
                        "could not ask Twilio whether an earlier attempt went through"),
                decide(m, facts().withEarlierAttempt(SendFacts.EarlierAttempt.unanswered())));
    }

    @Test
    void aMessageIsInDoubtAfterALostConnectionToo() {
        Message m = message();
        m.previousStatus = NotificationStatus.RETRYING;
        m.errorCode = Transition.CONNECTION_LOST;
        m.body = "Your order A1001 is on its way";
        assertEquals(new SendDecision.AskProviderFirst(), decide(m, facts()));
    }

    @Test
    void anEmailInDoubtIsSentWithoutAsking() {
        // SMTP cannot be asked whether it took a message earlier.
        assertEquals(SEND, decide(message().email().inDoubt(), facts()));
    }

    @Test
    void quietHoursComeBeforeAskingTheProvider() {
        assertEquals(new SendDecision.Defer(MORNING, "quiet hours in Europe/London until " + MORNING),
                decide(message().inDoubt(), facts(shippedOrder, NIGHT)));
    }

    @Test
    void anIncidentNoticeSupersededByANewerOneIsDropped() {
        SendFacts revisedTwice = new SendFacts(NOON, shippedOrder, Consent.DEFAULT, 3, 0, true, null);
        assertEquals(new SendDecision.Drop("superseded: notice 3 of the same incident tells the newer date"),
                decide(message().incidentNotice(2), revisedTwice));
        assertEquals(SEND, decide(message().incidentNotice(3), revisedTwice));
        assertEquals(SEND, decide(message().incidentNotice(2).resend(), revisedTwice), "a resend says it again");
    }

    @Test
    void aChannelWithoutAProviderWaitsAndIsLookedAtAgainLater() {
        SendDecision decision = decide(message(), new SendFacts(NOON, shippedOrder, Consent.DEFAULT, null, 0, false,
                null));
        assertEquals(new SendDecision.WaitForProvider(NOON.plus(Duration.ofHours(1)), "SMS provider is not configured"),
                decision);
        assertEquals(NotificationStatus.WAITING_FOR_PROVIDER,
                ((SendDecision.WaitForProvider) decision).transition().status());
    }

    @Test
    void aMessageBeyondTheOrdersDailyCapIsDropped() {
        assertEquals(SEND, decide(message(), new SendFacts(NOON, shippedOrder, Consent.DEFAULT, null, CAP - 1, true,
                null)));
        assertEquals(new SendDecision.Drop("daily cap of 4 SMS messages for this order reached"),
                decide(message(), new SendFacts(NOON, shippedOrder, Consent.DEFAULT, null, CAP, true, null)));
    }

    @Test
    void resendsAndIncidentNoticesAreNotHeldByTheDailyCap() {
        SendFacts capReached = new SendFacts(NOON, shippedOrder, Consent.DEFAULT, null, CAP, true, null);
        assertEquals(SEND, decide(message().resend(), capReached));
        assertEquals(SEND, decide(message().incidentNotice(1), capReached));
        assertFalse(SendRules.countsAgainstDailyCap(message().resend().claimed()));
        assertFalse(SendRules.countsAgainstDailyCap(message().incidentNotice(1).claimed()));
        assertTrue(SendRules.countsAgainstDailyCap(message().claimed()));
    }

    @Test
    void eachOutcomeIsRecordedWithItsStatus() {
        assertEquals(Transition.to(NotificationStatus.FAILED, "x"), new SendDecision.Fail("x").transition(NOON));
        assertEquals(Transition.to(NotificationStatus.SUPPRESSED, "x"), new SendDecision.Suppress("x").transition(NOON));
        assertEquals(Transition.to(NotificationStatus.DROPPED, "x"), new SendDecision.Drop("x").transition(NOON));
        assertEquals(Transition.later(NotificationStatus.DEFERRED, "x", MORNING),
                new SendDecision.Defer(MORNING, "x").transition(NOON));
        assertEquals(Transition.failed(NotificationStatus.RETRYING, "x", MORNING, "21611", "busy"),
                new SendDecision.Retry(MORNING, "x", "21611", "busy").transition(NOON));
        assertEquals(Transition.failed(NotificationStatus.FAILED, "x", null, "21611", "busy"),
                new SendDecision.GiveUp("x", "21611", "busy").transition(NOON));
    }
}
