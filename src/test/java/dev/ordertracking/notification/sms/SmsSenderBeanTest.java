package dev.ordertracking.notification.sms;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The application starts without Twilio credentials and its sender then sends nothing. */
@QuarkusTest
class SmsSenderBeanTest {

    @Inject
    SmsSender sender;

    @Inject
    TwilioSettings settings;

    @Test
    void withoutCredentialsTheSenderIsNotConfigured() {
        assertFalse(settings.configured());
        assertEquals("https://api.twilio.com", settings.apiBaseUrl());
        assertEquals(new SmsResult.NotConfigured(), sender.send(new SmsRequest("+5511987654321", "Hello", "k1")));
    }
}
