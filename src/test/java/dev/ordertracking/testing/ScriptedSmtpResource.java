package dev.ordertracking.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

/**
 * Named mailers for tests of SMTP failures: {@value #SCRIPTED} sends to a {@link ScriptedSmtpServer}
 * (fields of that type receive it), {@value #IMPATIENT} too with a 2 s timeout, {@value #UNREACHABLE}
 * to a loopback port nothing listens on.
 * Named mailers exist only where {@code @MailerName} injects them, so the application itself never
 * uses these.
 */
public class ScriptedSmtpResource implements QuarkusTestResourceLifecycleManager {

    public static final String SCRIPTED = "scripted";
    public static final String UNREACHABLE = "unreachable";
    /** The scripted server again, with a mailer timeout short enough to wait out in a test. */
    public static final String IMPATIENT = "impatient";
    public static final Duration IMPATIENT_TIMEOUT = Duration.ofSeconds(2);

    private ScriptedSmtpServer server;

    @Override
    public Map<String, String> start() {
        server = new ScriptedSmtpServer();
        return Map.ofEntries(
                Map.entry("quarkus.mailer." + SCRIPTED + ".host", server.host()),
                Map.entry("quarkus.mailer." + SCRIPTED + ".port", String.valueOf(server.port())),
                Map.entry("quarkus.mailer." + SCRIPTED + ".from", GreenMailResource.FROM),
                Map.entry("quarkus.mailer." + SCRIPTED + ".start-tls", "DISABLED"),
                // A new connection per message, so the server's state per transaction is simple.
                Map.entry("quarkus.mailer." + SCRIPTED + ".keep-alive", "false"),
                Map.entry("quarkus.mailer." + SCRIPTED + ".timeout", "PT10S"),
                Map.entry("quarkus.mailer." + UNREACHABLE + ".host", InetAddress.getLoopbackAddress().getHostAddress()),
                Map.entry("quarkus.mailer." + UNREACHABLE + ".port", String.valueOf(closedPort())),
                Map.entry("quarkus.mailer." + UNREACHABLE + ".from", GreenMailResource.FROM),
                Map.entry("quarkus.mailer." + UNREACHABLE + ".start-tls", "DISABLED"),
                Map.entry("quarkus.mailer." + UNREACHABLE + ".timeout", "PT10S"),
                Map.entry("quarkus.mailer." + IMPATIENT + ".host", server.host()),
                Map.entry("quarkus.mailer." + IMPATIENT + ".port", String.valueOf(server.port())),
                Map.entry("quarkus.mailer." + IMPATIENT + ".from", GreenMailResource.FROM),
                Map.entry("quarkus.mailer." + IMPATIENT + ".start-tls", "DISABLED"),
                Map.entry("quarkus.mailer." + IMPATIENT + ".keep-alive", "false"),
                Map.entry("quarkus.mailer." + IMPATIENT + ".timeout", IMPATIENT_TIMEOUT.toString()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.MatchesType(ScriptedSmtpServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A loopback port that was free a moment ago: connections to it are refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
