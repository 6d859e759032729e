package dev.ordertracking.console;

import dev.ordertracking.localstack.LocalKeycloak;
import dev.ordertracking.testing.Required;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A support agent's browser session without a browser: signs in through the local Keycloak's real
 * login form (authorization code flow) and keeps the console's session cookie.
 */
public final class ConsoleLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final HttpClient http;
    private final URI base;

    private ConsoleLogin(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /**
     * Starts the local Keycloak if this test run has not yet (about 15 s the first time). Without its
     * distribution or a Java 21+ runtime the test is skipped, or fails under CI.
     */
    public static String keycloak() {
        Required.tool("the local Keycloak", LocalKeycloak.plannedRealmUrl().isPresent(),
                "its distribution or a Java 21+ runtime is missing (see the [local-stack] message)");
        return LocalKeycloak.ensureRunning(Duration.ofMinutes(3));
    }

    /** Signs in as {@code user}; {@code base} is the service's root URL. */
    public static ConsoleLogin as(URI base, String user, String password) throws IOException, InterruptedException {
        keycloak();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/console")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(login.body());
        if (!action.find()) {
            throw new IllegalStateException("no Keycloak login form at " + login.uri() + ": " + login.statusCode());
        }
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(form(Map.of("username", user, "password", password, "credentialId", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!signedIn.uri().getPath().startsWith("/console")) {
            Matcher message = Pattern.compile("(?s)<span[^>]*kc-feedback-text[^>]*>(.*?)</span>|(?s)<p[^>]*instruction[^>]*>(.*?)</p>")
                    .matcher(signedIn.body());
            throw new IllegalStateException("login as " + user + " ended at " + signedIn.uri() + ": "
                    + (message.find() ? message.group() : signedIn.body().substring(0, Math.min(600, signedIn.body().length()))));
        }
        return new ConsoleLogin(http, base);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post from the console's own page (the browser adds its Origin). */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return post(path, fields, base.getScheme() + "://" + base.getAuthority());
    }

    public HttpResponse<String> post(String path, Map<String, String> fields, String origin)
            throws IOException, InterruptedException {
        HttpClient noRedirects = HttpClient.newBuilder().cookieHandler(http.cookieHandler().orElseThrow())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = noRedirects.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", origin)
                        .POST(form(fields)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r;
    }

    /**
     * Cookies as a browser keeps them for http://localhost, which counts as a secure context: the
     * provider's Secure cookies are sent back over plain HTTP on loopback (the JDK would drop them).
     */
    static final class LoopbackCookies extends java.net.CookieHandler {

        private final CookieManager cookies = new CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers)
                throws IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
            Map<String, java.util.List<String>> plain = new java.util.HashMap<>(headers);
            headers.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    plain.put(name, values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList());
                }
            });
            cookies.put(uri, plain);
        }
    }

    static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }
}
