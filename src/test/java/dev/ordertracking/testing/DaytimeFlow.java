package dev.ordertracking.testing;

import dev.ordertracking.notification.flow.FlowSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of flow tests that message customers: during each test the service's clock stands at
 * 14:00 UTC today, daytime for the test customers in London, Tehran and Sao Paulo alike, so no
 * message waits for the morning; afterwards it is put back.
 */
public abstract class DaytimeFlow {

    @Inject
    protected TestClock clock;

    @BeforeEach
    void travelToDaytime() {
        clock.travelTo(FlowSupport.daytime());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
