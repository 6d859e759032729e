package dev.ordertracking.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in itself, driven by a plain HTTP client; and its signatures, checked by the SDK. */
class TwilioStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private TwilioStandIn twilio;

    @BeforeEach
    void start() {
        twilio = TwilioStandIn.withRandomCredentials().start();
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    @Test
    void signatureIsAcceptedByTheSdksRequestValidator() {
        String url = "https://tracking.example.com/sms/status?key=order-1%3Ashipped";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        params.put("MessageStatus", "delivered");
        params.put("To", "+5511987654321");
        params.put("AccountSid", twilio.accountSid());
        params.put("ErrorCode", "");

        String signature = TwilioStandIn.signature(twilio.authToken(), url, params);

        RequestValidator validator = new RequestValidator(twilio.authToken());
        assertTrue(validator.validate(url, params, signature));
        assertFalse(new RequestValidator("another-token").validate(url, params, signature));
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("MessageStatus", "failed");
        assertFalse(validator.validate(url, tampered, signature));
    }

    @Test
    void createsAMessageAndRecordsTheRequest() throws Exception {
        HttpResponse<String> response = post(twilio.accountSid(), twilio.authToken(),
                Map.of("To", "+5511987654321", "From", "+15005550006", "Body", "Your parcel is on its way"));

        assertEquals(201, response.statusCode());
        JsonNode message = JSON.readTree(response.body());
        assertTrue(message.get("sid").asText().matches("SM[0-9a-f]{32}"), message.toString());
        assertEquals("queued", message.get("status").asText());
        assertEquals("+5511987654321", message.get("to").asText());
        assertEquals("+15005550006", message.get("from").asText());
        assertEquals("1", message.get("num_segments").asText());
        assertEquals(twilio.accountSid(), message.get("account_sid").asText());

        TwilioStandIn.RecordedRequest recorded = twilio.requests().get(0);
        assertEquals("POST", recorded.method());
        assertEquals(twilio.accountSid(), recorded.pathAccountSid());
        assertEquals("Your parcel is on its way", recorded.body());
        assertEquals(message.get("sid").asText(), recorded.answeredSid());
    }

    @Test
    void wrongCredentialsGet401WithTwilioError() throws Exception {
        HttpResponse<String> response = post(twilio.accountSid(), "wrong",
                Map.of("To", "+5511987654321", "From", "+15005550006", "Body", "x"));

        assertEquals(401, response.statusCode());
        JsonNode error = JSON.readTree(response.body());
        assertEquals(20003, error.get("code").asInt());
        assertEquals(401, error.get("status").asInt());
        assertEquals("https://www.twilio.com/docs/errors/20003", error.get("more_info").asText());
    }

    @Test
    void programmedFailuresByDestinationAndForTheNextRequests() throws Exception {
        twilio.failFor("+5511000000000", 400, 21211, "The 'To' number +5511000000000 is not a valid phone number.");
        twilio.failNext(2, 503, 20503, "Service Unavailable");
        Map<String, String> good = Map.of("To", "+5511987654321", "From", "+15005550006", "Body", "x");

        assertEquals(503, post(twilio.accountSid(), twilio.authToken(), good).statusCode());
        assertEquals(503, post(twilio.accountSid(), twilio.authToken(), good).statusCode());
        assertEquals(201, post(twilio.accountSid(), twilio.authToken(), good).statusCode());
        HttpResponse<String> bad = post(twilio.accountSid(), twilio.authToken(),
                Map.of("To", "+5511000000000", "From", "+15005550006", "Body", "x"));
        assertEquals(400, bad.statusCode());
        assertEquals(21211, JSON.readTree(bad.body()).get("code").asInt());

        twilio.reset();
        assertTrue(twilio.requests().isEmpty());
        assertEquals(201, post(twilio.accountSid(), twilio.authToken(),
                Map.of("To", "+5511000000000", "From", "+15005550006", "Body", "x")).statusCode());
    }

    @Test
    void messagingServiceInsteadOfFrom() throws Exception {
        HttpResponse<String> response = post(twilio.accountSid(), twilio.authToken(),
                Map.of("To", "+5511987654321", "MessagingServiceSid", "MG0123456789abcdef0123456789abcdef",
                        "Body", "x"));

        assertEquals(201, response.statusCode());
        assertEquals("MG0123456789abcdef0123456789abcdef",
                JSON.readTree(response.body()).get("messaging_service_sid").asText());
        assertEquals(400, post(twilio.accountSid(), twilio.authToken(),
                Map.of("To", "+5511987654321", "Body", "x")).statusCode());
    }

    private HttpResponse<String> post(String sid, String token, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String auth = Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/" + sid + "/Messages.json"))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
