package dev.ordertracking.notification.email;

import dev.ordertracking.testing.ScriptedSmtpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How SMTP refusals and an unreachable server come back from the real mailer. */
@QuarkusTest
@TestProfile(EmailFailuresTest.ScriptedSmtp.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EmailFailuresTest {

    static final ScriptedSmtpServer SMTP = new ScriptedSmtpServer();

    public static class ScriptedSmtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(SMTP.port()),
                    "quarkus.mailer.from", "orders@shop.example", "quarkus.mailer.start-tls", "DISABLED",
                    "tracking.notifications.dispatch.enabled", "false");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    EmailSender sender;

    private static EmailRequest to(String address) {
        return new EmailRequest(address, "Your order", "<p>Hi</p>", "Hi", "<t1@order-tracking>", null);
    }

    @Test
    void aTemporaryRefusalIsTransientWithItsCode() {
        EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class, sender.send(to("451-busy@customer.example")));
        assertTrue(failed.isTransient());
        assertEquals("451", failed.code());
        assertTrue(failed.message().contains("scripted refusal"), failed.message());
    }

    @Test
    void aPermanentRefusalIsNotRetried() {
        EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class, sender.send(to("550-gone@customer.example")));
        assertFalse(failed.isTransient());
        assertEquals("550", failed.code());
    }

    @Test
    void anAcceptedMessageKeepsItsId() {
        assertEquals(new EmailResult.Accepted("<t1@order-tracking>"), sender.send(to("ana@customer.example")));
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void anUnreachableServerIsTransient() {
        // The last test of this class: the server the application talks to is gone for good.
        ScriptedSmtpServer.shutDown(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.mailer.port", Integer.class));
        EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class, sender.send(to("ana@customer.example")));
        assertTrue(failed.isTransient());
        assertEquals(null, failed.code());
    }
}
