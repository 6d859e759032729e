package dev.ordertracking.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * One Twilio stand-in for the whole test run: the service's real Twilio SDK sends to it. The auth
 * token is the one tests sign webhook calls with.
 */
public class TwilioStandInResource implements QuarkusTestResourceLifecycleManager {

    public static final String AUTH_TOKEN = "test-webhook-token";
    public static final String FROM = "+15005550006";

    private TwilioStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = new TwilioStandIn("AC00000000000000000000000000000test", AUTH_TOKEN).start();
        return Map.of(
                "twilio.account-sid", standIn.accountSid(),
                "twilio.auth-token", AUTH_TOKEN,
                "twilio.from", FROM,
                "twilio.api-base-url", standIn.baseUrl(),
                "twilio.timeout", "PT2S",
                // Twilio would call it; the stand-in does not, tests post callbacks themselves.
                "twilio.status-callback-url", "http://localhost/webhooks/twilio/status");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(standIn,
                new TestInjector.AnnotatedAndMatchesType(InjectTwilioStandIn.class, TwilioStandIn.class));
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.stop();
        }
    }
}
