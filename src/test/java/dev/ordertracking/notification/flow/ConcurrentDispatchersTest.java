package dev.ordertracking.notification.flow;

import dev.ordertracking.notification.Channel;
import dev.ordertracking.notification.NotificationDispatcher;
import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.TestClock;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.ordertracking.notification.flow.FlowSupport.smsAttempts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Several dispatchers claiming at once (as several replicas do) send each message once. */
@QuarkusTest
class ConcurrentDispatchersTest {

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    NotificationDispatcher dispatcher;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void racingDispatchersSendEachMessageOnce() throws Exception {
        clock.travelTo(FlowSupport.daytime());
        AtomicBoolean racing = new AtomicBoolean(true);
        ExecutorService extra = Executors.newFixedThreadPool(4);
        List<Future<?>> dispatchers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Four more dispatchers beside the service's own, claiming as fast as they can.
            dispatchers.add(extra.submit(() -> {
                while (racing.get()) {
                    if (dispatcher.dispatchOnce(Channel.SMS) == 0) {
                        Thread.sleep(2);
                    }
                }
                return null;
            }));
        }
        List<Shop> orders = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                orders.add(Shop.order("RACE", "en", "Europe/London", clock).placed().confirmed().shipped("S1"));
            }
            for (Shop order : orders) {
                FlowSupport.awaitStatus(db, order.orderId(), "SHIPPED", "SMS", "ACCEPTED");
            }
        } finally {
            racing.set(false);
            for (Future<?> d : dispatchers) {
                d.get();
            }
            extra.shutdown();
        }
        await().pollDelay(java.time.Duration.ofMillis(500)).until(() -> true);
        for (Shop order : orders) {
            assertEquals(1, smsAttempts(twilio, order.phone()).size(), order.orderId());
            assertEquals(List.of("PENDING", "ACCEPTED"), Notifications.history(db,
                    Notifications.one(db, order.orderId(), "SHIPPED", "SMS").id()));
        }
    }
}
