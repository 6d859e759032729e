package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.journey.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static dev.ordertracking.journey.JourneyEvents.confirmed;
import static dev.ordertracking.journey.JourneyEvents.fold;
import static dev.ordertracking.journey.JourneyEvents.placed;
import static dev.ordertracking.journey.JourneyEvents.shipped;
import static dev.ordertracking.journey.JourneyEvents.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationPlannerTest {

    private static final Instant DAYTIME = Instant.parse("2026-11-24T08:00:00Z"); // 11:30 in Tehran
    private static final Instant NIGHT = Instant.parse("2026-11-24T20:00:00Z"); // 23:30 in Tehran

    private final NotificationPlanner planner = new NotificationPlanner(Map.of(
            Milestone.SHIPPED, List.of(Channel.SMS, Channel.EMAIL),
            Milestone.ORDER_CONFIRMED, List.of(Channel.EMAIL)),
            new QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0)));

    private final RecordedEvent placed = placed("e1", "2026-11-24T07:00:00Z");
    private final RecordedEvent shipped = shipped("e3", "S1", "2026-11-24T07:30:00Z");
    private final Journey journey = fold(placed, confirmed("e2", "2026-11-24T07:10:00Z"), shipped);

    private List<PlannedNotification> plan(RecordedEvent cause, Consent consent, Instant now) {
        return planner.plan(journey, List.of(new MilestoneReached(Milestone.SHIPPED, "S1", cause)), consent, now);
    }

    @Test
    void oneMessagePerConfiguredChannelWithItsKeyAndRecipient() {
        List<PlannedNotification> planned = plan(shipped, Consent.DEFAULT, DAYTIME);
        assertEquals(2, planned.size());
        PlannedNotification sms = planned.get(0);
        assertEquals(Channel.SMS, sms.channel());
        assertEquals("A1001/SHIPPED/S1/SMS", sms.dedupKey());
        assertEquals("+989121234567", sms.recipient());
        assertEquals(NotificationStatus.PENDING, sms.status());
        assertEquals(DAYTIME, sms.nextAttemptAt());
        assertEquals("sara@example.com", planned.get(1).recipient());
        assertEquals("e3", sms.causeEventId());
    }

    @Test
    void atNightSmsWaitsForMorningButEmailGoesNow() {
        List<PlannedNotification> planned = plan(shipped, Consent.DEFAULT, NIGHT);
        assertEquals(NotificationStatus.DEFERRED, planned.get(0).status());
        assertEquals(Instant.parse("2026-11-25T04:30:00Z"), planned.get(0).nextAttemptAt());
        assertTrue(planned.get(0).statusReason().contains("Asia/Tehran"));
        assertEquals(NotificationStatus.PENDING, planned.get(1).status());
    }

    @Test
    void historicalEventsAreRecordedAsSuppressed() {
        RecordedEvent old = new RecordedEvent("e3", shipped.type(), shipped.occurredAt(), shipped.receivedAt(), false,
                shipped.fact());
        List<PlannedNotification> planned = plan(old, Consent.DEFAULT, DAYTIME);
        assertEquals(2, planned.size());
        planned.forEach(p -> {
            assertEquals(NotificationStatus.SUPPRESSED, p.status());
            assertTrue(p.statusReason().startsWith("historical event e3"), p.statusReason());
        });
    }

    @Test
    void consentIsRespectedPerChannel() {
        List<PlannedNotification> optedOut = plan(shipped, new Consent(true, true, true), DAYTIME);
        assertEquals(NotificationStatus.SUPPRESSED, optedOut.get(0).status());
        assertEquals("the number opted out of SMS (STOP)", optedOut.get(0).statusReason());
        assertEquals(NotificationStatus.PENDING, optedOut.get(1).status());

        List<PlannedNotification> noEmail = plan(shipped, new Consent(true, false, false), DAYTIME);
        assertEquals(NotificationStatus.PENDING, noEmail.get(0).status());
        assertEquals("the customer turned e-mail off", noEmail.get(1).statusReason());
    }

    @Test
    void milestonesWithoutChannelsSendNothing() {
        RecordedEvent out = status("e4", "S1", ShipmentStatus.OUT_FOR_DELIVERY, "2026-11-24T07:40:00Z");
        assertEquals(List.of(), planner.plan(journey, List.of(new MilestoneReached(Milestone.OUT_FOR_DELIVERY, "S1", out)),
                Consent.DEFAULT, DAYTIME));
    }
}
