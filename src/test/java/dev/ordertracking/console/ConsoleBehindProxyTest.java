package dev.ordertracking.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console behind a TLS-terminating proxy on a trusted address (here loopback), which passes
 * {@code X-Forwarded-Proto: https}: the provider is asked to send the agent back to an https URL,
 * the state and session cookies are {@code Secure}, answers carry {@code Strict-Transport-Security}.
 * Over plain http (the local run) none of that.
 */
@QuarkusTest
class ConsoleBehindProxyTest {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final HttpClient SERVICE = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URL base;

    /** Before each test, not in @BeforeAll, so that a skip outside CI is counted per test. */
    @BeforeEach
    void keycloak() {
        ConsoleLogin.keycloak();
    }

    @Test
    void signingInThroughAnHttpsProxyStaysOnHttps() throws Exception {
        HttpResponse<String> start = service("/console", true, List.of());
        assertEquals(302, start.statusCode());
        String redirectUri = redirectUri(start);
        assertEquals("https://" + authority() + "/console", redirectUri);
        List<String> stateCookies = setCookies(start);
        assertFalse(stateCookies.isEmpty(), start.headers().toString());
        stateCookies.forEach(c -> assertTrue(secure(c), "state cookie not Secure: " + c));
        assertEquals(Optional.of("max-age=31536000"), start.headers().firstValue("Strict-Transport-Security"));

        // The agent signs in at the provider, which sends the browser back to the https URL.
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new ConsoleLogin.LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String location = start.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(login.body());
        assertTrue(action.find(), "no login form: " + login.statusCode());
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(ConsoleLogin.form(Map.of("username", "support", "password", "support", "credentialId", "")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertEquals("https", callback.getScheme(), callback.toString());

        // The proxy hands the callback on over http, saying it came in over https.
        HttpResponse<String> session = service(callback.getRawPath() + "?" + callback.getRawQuery(), true, stateCookies);
        assertEquals(302, session.statusCode(), session.body());
        List<String> sessionCookies = setCookies(session).stream().filter(c -> c.startsWith("q_session")).toList();
        assertFalse(sessionCookies.isEmpty(), session.headers().toString());
        sessionCookies.forEach(c -> assertTrue(secure(c), "session cookie not Secure: " + c));
        assertTrue(session.headers().firstValue("Location").orElseThrow().startsWith("https://" + authority() + "/console"),
                session.headers().toString());

        HttpResponse<String> console = service("/console", true, sessionCookies);
        assertEquals(200, console.statusCode(), console.body());
        assertEquals(Optional.of("max-age=31536000"), console.headers().firstValue("Strict-Transport-Security"));
    }

    @Test
    void plainHttpHasNoneOfIt() throws Exception {
        HttpResponse<String> start = service("/console", false, List.of());
        assertEquals(302, start.statusCode());
        assertEquals("http://" + authority() + "/console", redirectUri(start));
        List<String> cookies = setCookies(start);
        assertFalse(cookies.isEmpty(), start.headers().toString());
        cookies.forEach(c -> assertFalse(secure(c), "Secure over plain http would never come back: " + c));
        assertEquals(Optional.empty(), start.headers().firstValue("Strict-Transport-Security"));
        assertEquals(Optional.empty(), service("/signed-out", false, List.of()).headers()
                .firstValue("Strict-Transport-Security"));
        assertEquals(Optional.of("max-age=31536000"), service("/signed-out", true, List.of()).headers()
                .firstValue("Strict-Transport-Security"));
    }

    private HttpResponse<String> service(String pathAndQuery, boolean viaHttpsProxy, List<String> cookies)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(pathAndQuery)).GET();
        if (viaHttpsProxy) {
            // As an ingress does: the scheme and the port the browser used (here the test's own port).
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", String.valueOf(base.getPort()));
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.stream().map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; ")));
        }
        return SERVICE.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String authority() {
        return base.getAuthority();
    }

    private static String redirectUri(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        Matcher m = Pattern.compile("[?&]redirect_uri=([^&]+)").matcher(location);
        assertTrue(m.find(), location);
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static List<String> setCookies(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("q_")).toList();
    }

    private static boolean secure(String setCookie) {
        return Pattern.compile("(?i);\\s*Secure\\s*(;|$)").matcher(setCookie).find();
    }
}
