package dev.ordertracking.delay.flow;

import dev.ordertracking.delay.DeadlineStore;
import dev.ordertracking.delay.DeadlineWatch;
import dev.ordertracking.delay.DelayHandling;
import dev.ordertracking.delay.DelaySettings;
import dev.ordertracking.notification.flow.FlowSupport;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service is down when a promise breaks: no watch runs (this profile starts none). When it
 * comes back, a new watch finds the deadline in PostgreSQL, once.
 */
@QuarkusTest
@TestProfile(RestartTest.NoWatchRunning.class)
class RestartTest {

    public static class NoWatchRunning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracking.delays.deadlines.enabled", "false");
        }
    }

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    DelayHandling handling;

    @Inject
    DeadlineStore store;

    @Inject
    DelaySettings settings;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDeadlineThatPassedWhileNoWatchRanIsFoundAfterTheRestartOnce() {
        clock.travelTo(FlowSupport.daytime());
        Shop order = Shop.order("RESTART", "en-GB", "Europe/London", clock);
        order.placed(order.promised()).confirmed().shipped("S1");
        FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "EMAIL", "SENT");
        assertEquals(1, Incidents.count(db, "select count(*) from order_deadline where order_id = ? and kind = 'PROMISE'",
                order.orderId()));

        clock.travelTo(clock.instant().plus(Duration.ofDays(6)));
        assertEquals(0, Incidents.count(db, "select count(*) from incident where order_id = ?", order.orderId()),
                "nobody was watching");

        DeadlineWatch restarted = new DeadlineWatch(handling, store, settings, clock);
        restarted.checkNow();
        restarted.checkNow();
        assertEquals(1, Incidents.count(db, "select count(*) from incident where order_id = ? and cause = 'DELAY' "
                + "and latest_reason = 'PROMISE_BROKEN'", order.orderId()));
        assertEquals(1, Incidents.count(db, "select count(*) from incident_signal s join incident i on i.id = "
                + "s.incident_id where i.order_id = ? and s.kind = 'PROMISE_DEADLINE'", order.orderId()));
        assertEquals(0, Incidents.count(db, "select count(*) from order_deadline where order_id = ? and kind = 'PROMISE'",
                order.orderId()));
    }
}
