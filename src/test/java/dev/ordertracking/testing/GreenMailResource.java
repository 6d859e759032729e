package dev.ordertracking.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.InetAddress;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free loopback port for the whole test run, and the mailer
 * settings that send to it (through a {@link GreetingDelayRelay}): plain SMTP, no TLS, no login. It accepts mail for any address; tests
 * find their messages by recipient, since every test class shares it. Fields annotated
 * {@link InjectGreenMail} receive it.
 *
 * <p>Declared once, on {@code EmailSenderTest}, with {@code @QuarkusTestResource} (not restricted to
 * that class), so it applies to every {@code @QuarkusTest} and they keep sharing one application.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    public static final String FROM = "orders@shop.example";

    private GreenMail greenMail;
    private GreetingDelayRelay relay;

    @Override
    public Map<String, String> start() {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        greenMail = new GreenMail(new ServerSetup(0, host, ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        relay = new GreetingDelayRelay(host, greenMail.getSmtp().getPort());
        return Map.of(
                "quarkus.mailer.host", relay.host(),
                "quarkus.mailer.port", String.valueOf(relay.port()),
                "quarkus.mailer.from", FROM,
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "DISABLED",
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(greenMail,
                new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, GreenMail.class));
        testInjector.injectIntoFields(relay,
                new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, GreetingDelayRelay.class));
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
