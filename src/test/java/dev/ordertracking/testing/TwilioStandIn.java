package dev.ordertracking.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Twilio's Messages API, for tests that drive the real Twilio SDK.
 *
 * <p>It answers {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} like Twilio does: Basic
 * auth with the account SID and auth token (401, code 20003 otherwise), a form body with
 * {@code To}, {@code From} or {@code MessagingServiceSid}, {@code Body} and optional
 * {@code StatusCallback}, and 201 with a Message resource. Errors have Twilio's JSON shape
 * ({@code code}, {@code message}, {@code more_info}, {@code status}). Every request is recorded.
 * Failures can be programmed for the next N requests or for one destination number.
 */
public final class TwilioStandIn implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: every answer would take 40 ms, which real Twilio does not add.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String API_VERSION = "2010-04-01";

    private static final Pattern MESSAGES_PATH =
            Pattern.compile("^/" + API_VERSION + "/Accounts/([^/]+)/Messages\\.json$");
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A programmed Twilio error answer. */
    public record Failure(int httpStatus, int code, String message) {
    }

    /** One request as the stand-in received it, with what it answered. */
    public record RecordedRequest(String method, String path, String pathAccountSid, String username,
                                 String password, Map<String, List<String>> headers,
                                 Map<String, String> form, int answeredStatus, String answeredSid,
                                 java.time.Instant receivedAt) {

        public String to() {
            return form.get("To");
        }

        public String from() {
            return form.get("From");
        }

        public String messagingServiceSid() {
            return form.get("MessagingServiceSid");
        }

        public String body() {
            return form.get("Body");
        }

        public String statusCallback() {
            return form.get("StatusCallback");
        }

        /** First value of a request header, case-insensitive; null when absent. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst().orElse(null);
        }
    }

    private final String accountSid;
    private final String authToken;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Failure> nextFailures = new ArrayDeque<>();
    private final Map<String, Failure> failuresByTo = new ConcurrentHashMap<>();
    private final Deque<Duration> nextDelays = new ArrayDeque<>();
    /** Messages created, as their resources: what the list endpoint answers from. */
    private final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> hangUpFor = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> keepQueued = ConcurrentHashMap.newKeySet();
    private volatile Duration hangUpSilence = Duration.ofSeconds(5);
    private HttpServer server;
    private ExecutorService executor;

    public TwilioStandIn(String accountSid, String authToken) {
        this.accountSid = Objects.requireNonNull(accountSid);
        this.authToken = Objects.requireNonNull(authToken);
    }

    /** A stand-in with a random account SID and auth token. */
    public static TwilioStandIn withRandomCredentials() {
        return new TwilioStandIn("AC" + randomHex(32), randomHex(32));
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    /** Starts on a random loopback port; returns this. */
    public synchronized TwilioStandIn start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Twilio stand-in", e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "twilio-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Stops listening; the port then refuses connections. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:port}, for {@code twilio.api-base-url}. */
    public synchronized String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The next {@code times} requests (whatever their destination) get this Twilio error. */
    public void failNext(int times, int httpStatus, int code, String message) {
        synchronized (nextFailures) {
            for (int i = 0; i < times; i++) {
                nextFailures.add(new Failure(httpStatus, code, message));
            }
        }
    }

    /** Every request to this destination gets this Twilio error, until {@link #reset()}. */
    public void failFor(String to, int httpStatus, int code, String message) {
        failuresByTo.put(to, new Failure(httpStatus, code, message));
    }

    /** Requests to this destination are served again (ends {@link #failFor}). */
    public void recover(String to) {
        failuresByTo.remove(to);
    }

    /** The next {@code times} requests are answered only after {@code delay} (to provoke timeouts). */
    public void delayNext(int times, Duration delay) {
        synchronized (nextDelays) {
            for (int i = 0; i < times; i++) {
                nextDelays.add(delay);
            }
        }
    }

    /**
     * The next message to this number is created (and listed) but its answer never comes: the
     * connection stays silent for longer than the client waits, as when Twilio accepted a message
     * and the network lost the answer.
     */
    public void acceptThenHangUp(String to) {
        hangUpFor.add(to);
    }

    /**
     * Messages to this number stay queued at the stand-in, as when Twilio's queue is long: listed
     * with status {@code queued} and no {@code date_sent}, so a {@code DateSent} filter skips them.
     */
    public void keepQueued(String to) {
        keepQueued.add(to);
    }

    /** How long a hung-up answer stays silent; longer than the client's timeout. */
    public void hangUpSilence(Duration silence) {
        this.hangUpSilence = silence;
    }

    /** Messages the stand-in created for this number (each once, whatever the client saw). */
    public List<ObjectNode> messagesTo(String to) {
        return messages.stream().filter(m -> to.equals(m.path("to").asText(null))).map(ObjectNode::deepCopy).toList();
    }

    /** Forgets recorded requests, created messages and programmed failures and delays. */
    public void reset() {
        requests.clear();
        messages.clear();
        hangUpFor.clear();
        keepQueued.clear();
        failuresByTo.clear();
        synchronized (nextFailures) {
            nextFailures.clear();
        }
        synchronized (nextDelays) {
            nextDelays.clear();
        }
    }

    /** Twilio's JSON error body. */
    public static String errorBody(int httpStatus, int code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        error.put("status", httpStatus);
        return error.toString();
    }

    /**
     * {@code X-Twilio-Signature} of a webhook request: HMAC-SHA1 with the auth token over the full
     * URL followed by every form parameter's name and value, sorted by name; Base64.
     */
    public static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        if (params != null) {
            new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        java.time.Instant receivedAt = java.time.Instant.now();
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] raw = readAll(exchange.getRequestBody());
            Map<String, String> form = parseForm(new String(raw, StandardCharsets.UTF_8));
            String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher matcher = MESSAGES_PATH.matcher(path);
            String pathSid = matcher.matches() ? matcher.group(1) : null;

            Answer answer;
            try {
                answer = "GET".equals(exchange.getRequestMethod()) && pathSid != null
                        ? list(pathSid, credentials, query(exchange.getRequestURI().getRawQuery()))
                        : answer(exchange.getRequestMethod(), pathSid, credentials, form);
            } catch (RuntimeException e) {
                // A bad filter value, as Twilio would say it.
                answer = Answer.error(400, 20001, "Invalid parameter: " + e.getMessage()
                        + " in " + exchange.getRequestURI().getRawQuery());
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path, pathSid,
                    credentials == null ? null : credentials[0], credentials == null ? null : credentials[1],
                    Collections.unmodifiableMap(headers), Collections.unmodifiableMap(form),
                    answer.status, answer.sid, receivedAt));
            if (answer.status == 201 && form.get("To") != null && hangUpFor.remove(form.get("To"))) {
                try {
                    Thread.sleep(hangUpSilence.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // the client has given up by now; it never learns the message exists
            }

            Duration delay;
            synchronized (nextDelays) {
                delay = nextDelays.poll();
            }
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = answer.json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            if (answer.status == 401) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            }
            exchange.sendResponseHeaders(answer.status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Answer(int status, String json, String sid) {
        static Answer error(int status, int code, String message) {
            return new Answer(status, errorBody(status, code, message), null);
        }
    }

    private Answer answer(String method, String pathSid, String[] credentials, Map<String, String> form) {
        if (credentials == null || !credentials[0].equals(accountSid) || !credentials[1].equals(authToken)) {
            return Answer.error(401, 20003, "Authenticate");
        }
        if (pathSid == null) {
            return Answer.error(404, 20404, "The requested resource was not found");
        }
        if (!"POST".equals(method)) {
            return Answer.error(405, 20004, "Method not allowed");
        }
        if (!pathSid.equals(accountSid)) {
            return Answer.error(404, 20404, "The requested resource /" + API_VERSION + "/Accounts/" + pathSid
                    + "/Messages.json was not found");
        }
        Failure failure;
        synchronized (nextFailures) {
            failure = nextFailures.poll();
        }
        if (failure == null && form.get("To") != null) {
            failure = failuresByTo.get(form.get("To"));
        }
        if (failure != null) {
            return Answer.error(failure.httpStatus(), failure.code(), failure.message());
        }
        if (form.get("To") == null) {
            return Answer.error(400, 21604, "A 'To' phone number is required.");
        }
        if (form.get("From") == null && form.get("MessagingServiceSid") == null) {
            return Answer.error(400, 21603, "A 'From' phone number is required.");
        }
        if (form.get("Body") == null && form.get("MediaUrl") == null && form.get("ContentSid") == null) {
            return Answer.error(400, 21602, "Message body is required.");
        }
        return created(form);
    }

    private Answer created(Map<String, String> form) {
        String sid = "SM" + randomHex(32);
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822);
        String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + sid;
        boolean viaService = form.get("MessagingServiceSid") != null;
        ObjectNode message = JSON.createObjectNode();
        message.put("account_sid", accountSid);
        message.put("api_version", API_VERSION);
        message.put("body", form.get("Body"));
        message.put("date_created", now);
        message.putNull("date_sent");
        message.put("date_updated", now);
        message.put("direction", "outbound-api");
        message.putNull("error_code");
        message.putNull("error_message");
        message.put("from", form.get("From"));
        message.put("messaging_service_sid", form.get("MessagingServiceSid"));
        message.put("num_media", "0");
        message.put("num_segments", String.valueOf(segments(form.getOrDefault("Body", ""))));
        message.putNull("price");
        message.put("price_unit", "USD");
        message.put("sid", sid);
        // Twilio answers "accepted" when a messaging service picks the sender, else "queued".
        message.put("status", viaService ? "accepted" : "queued");
        message.putObject("subresource_uris").put("media", uri + "/Media.json");
        message.put("to", form.get("To"));
        message.put("uri", uri + ".json");
        ObjectNode listed = message.deepCopy();
        if (!keepQueued.contains(form.get("To"))) {
            listed.put("date_sent", now);
            listed.put("status", "sent");
        }
        messages.add(listed);
        return new Answer(201, message.toString(), sid);
    }

    private boolean outside(ObjectNode m, Map<String, String> query) {
        java.time.Instant sent = ZonedDateTime.parse(m.get("date_sent").asText(), RFC_2822).toInstant();
        return query.containsKey("DateSent") && !sameDay(sent, query.get("DateSent"))
                || query.containsKey("DateSent>") && sent.isBefore(from(query.get("DateSent>")))
                || query.containsKey("DateSent<") && !sent.isBefore(until(query.get("DateSent<")));
    }

    /**
     * {@code GET .../Messages.json}: the created messages, newest first, filtered by {@code To},
     * {@code From} and {@code DateSent} / {@code DateSent>} / {@code DateSent<} (YYYY-MM-DD, UTC),
     * in one page of Twilio's list shape.
     */
    private Answer list(String pathSid, String[] credentials, Map<String, String> query) {
        if (credentials == null || !credentials[0].equals(accountSid) || !credentials[1].equals(authToken)) {
            return Answer.error(401, 20003, "Authenticate");
        }
        if (!pathSid.equals(accountSid)) {
            return Answer.error(404, 20404, "The requested resource was not found");
        }
        int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
        List<ObjectNode> matching = new java.util.ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            ObjectNode m = messages.get(i);
            boolean dateFilter = query.containsKey("DateSent") || query.containsKey("DateSent>")
                    || query.containsKey("DateSent<");
            if (m.get("date_sent").isNull()) {
                if (dateFilter) {
                    continue; // not sent yet: no date to match
                }
            } else if (dateFilter && outside(m, query)) {
                continue;
            }
            if (query.containsKey("To") && !query.get("To").equals(m.path("to").asText(null))
                    || query.containsKey("From") && !query.get("From").equals(m.path("from").asText(null))) {
                continue;
            }
            matching.add(m);
            if (matching.size() == pageSize) {
                break;
            }
        }
        String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages.json?PageSize=" + pageSize + "&Page=0";
        ObjectNode page = JSON.createObjectNode();
        page.putArray("messages").addAll(matching);
        page.put("page", 0);
        page.put("page_size", pageSize);
        page.put("start", 0);
        page.put("end", Math.max(0, matching.size() - 1));
        page.put("uri", uri);
        page.put("first_page_uri", uri);
        page.putNull("next_page_uri");
        page.putNull("previous_page_uri");
        return new Answer(200, page.toString(), null);
    }

    /** A filter value as Twilio takes it: a day (YYYY-MM-DD) or an instant (ISO 8601). */
    private static java.time.Instant from(String value) {
        return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                : instant(value);
    }

    /** ISO 8601 with or without an offset (the SDK sends UTC without one). */
    private static java.time.Instant instant(String value) {
        return value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")
                ? java.time.OffsetDateTime.parse(value).toInstant()
                : java.time.LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    }

    /** Exclusive end: a day includes all of itself. */
    private static java.time.Instant until(String value) {
        return value.length() == 10 ? java.time.LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : instant(value).plusNanos(1);
    }

    private static boolean sameDay(java.time.Instant sent, String value) {
        return sent.atZone(ZoneOffset.UTC).toLocalDate().equals(from(value).atZone(ZoneOffset.UTC).toLocalDate());
    }

    private static Map<String, String> query(String rawQuery) {
        return rawQuery == null ? Map.of() : parseForm(rawQuery);
    }

    /** A rough segment count (GSM-7 160/153, otherwise UCS-2 70/67) for the answer's num_segments. */
    private static int segments(String body) {
        boolean gsm = body.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '`' || c == '\n' || c == '\r');
        int length = body.length();
        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        return length <= single ? 1 : (length + multi - 1) / multi;
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String randomHex(int length) {
        byte[] bytes = new byte[length / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
