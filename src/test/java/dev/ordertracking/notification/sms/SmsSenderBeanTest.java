package dev.ordertracking.notification.sms;

import dev.ordertracking.testing.InjectTwilioStandIn;
import dev.ordertracking.testing.TwilioStandIn;
import dev.ordertracking.testing.TwilioStandInResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's sender, configured by the test run's Twilio stand-in (registered here for every
 * test class: one stand-in, one application start).
 */
@QuarkusTest
@QuarkusTestResource(TwilioStandInResource.class)
class SmsSenderBeanTest {

    @Inject
    SmsSender sender;

    @Inject
    TwilioSettings settings;

    @InjectTwilioStandIn
    TwilioStandIn twilio;

    @Test
    void theConfiguredSenderReachesTheStandIn() {
        assertTrue(settings.configured());
        assertTrue(sender.configured());
        String to = "+5511987654" + (100 + (int) (Math.random() * 800));
        SmsResult result = sender.send(new SmsRequest(to, "Hello", "k1"));
        SmsResult.Accepted accepted = assertInstanceOf(SmsResult.Accepted.class, result);
        List<TwilioStandIn.RecordedRequest> received = twilio.requests().stream().filter(r -> to.equals(r.to())).toList();
        assertEquals(1, received.size());
        assertEquals(accepted.providerMessageId(), received.get(0).answeredSid());
        assertEquals("k1", received.get(0).header(SmsSender.IDEMPOTENCY_HEADER));
    }

    @Test
    void anEarlierMessageIsFoundByNumberAndText() {
        String to = "+5511987655" + (100 + (int) (Math.random() * 800));
        SmsResult.Accepted accepted = (SmsResult.Accepted) sender.send(new SmsRequest(to, "Your parcel is near", "k2"));
        SmsSender.Reconciliation found = sender.findSent(to, "Your parcel is near", java.time.Instant.now().minusSeconds(60));
        assertTrue(found.answered());
        assertEquals(accepted.providerMessageId(), found.sid());
        SmsSender.Reconciliation other = sender.findSent(to, "Another text", java.time.Instant.now().minusSeconds(60));
        assertTrue(other.answered());
        assertEquals(null, other.sid());
    }
}
