package dev.ordertracking.notification.flow;

import dev.ordertracking.notification.NotificationSignal;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A backlog of due SMS drains without new messages arriving to wake the dispatcher: once every
 * send slot is busy, a freed slot leads straight to the next claim, never to an idle sleep. The
 * idle poll here is far longer than the whole test may wait and there is one sender (two slots),
 * so a loop that slept between slot waits would send two messages per minute.
 */
@QuarkusTest
@TestProfile(BacklogDrainTest.LongIdlePollOneSender.class)
class BacklogDrainTest {

    public static class LongIdlePollOneSender implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracking.notifications.dispatch.idle-poll", "PT5M",
                    "tracking.notifications.dispatch.sms-concurrency", "1");
        }
    }

    private static final int ORDERS = 16;

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    NotificationSignal signal;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aBacklogDrainsWithoutWaitingForTheIdlePoll() {
        // 02:00 in London: every SHIPPED SMS waits for the morning, a backlog that is all due at once.
        clock.travelTo(FlowSupport.daytime().minus(Duration.ofHours(12)));
        List<Shop> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(Shop.order("BACKLOG", "en-GB", "Europe/London", clock).placed().confirmed().shipped("S1"));
        }
        orders.forEach(o -> FlowSupport.awaitStatus(db, o.orderId(), "SHIPPED", "SMS", "DEFERRED"));

        clock.travelTo(FlowSupport.daytime());
        signal.wake(); // the one wake-up the backlog gets; nothing new arrives while it drains
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.stream().filter(o -> "ACCEPTED".equals(
                Notifications.one(db, o.orderId(), "SHIPPED", "SMS").status())).count() == ORDERS);
        for (Shop order : orders) {
            List<String> history = Notifications.history(db,
                    Notifications.one(db, order.orderId(), "SHIPPED", "SMS").id());
            assertEquals(List.of("DEFERRED", "ACCEPTED"), history.subList(history.size() - 2, history.size()),
                    order.orderId() + ": " + history);
            assertEquals(1, history.stream().filter("ACCEPTED"::equals).count(), "sent once: " + history);
        }
    }
}
