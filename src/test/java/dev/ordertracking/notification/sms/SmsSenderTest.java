package dev.ordertracking.notification.sms;

import dev.ordertracking.testing.TwilioStandIn;
import dev.ordertracking.testing.TwilioStandIn.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Twilio SDK against the local stand-in. */
class SmsSenderTest {

    private static final String FROM = "+15005550006";
    private static final String TO = "+5511987654321";
    private static final String CALLBACK = "https://tracking.example.com/sms/status";

    record Settings(Optional<String> accountSid, Optional<String> authToken, Optional<String> from,
                    Optional<String> messagingServiceSid, String apiBaseUrl,
                    Optional<String> statusCallbackUrl, Duration timeout) implements TwilioSettings {

        @Override
        public Optional<String> webhookBaseUrl() {
            return Optional.empty();
        }

        Settings withTimeout(Duration value) {
            return new Settings(accountSid, authToken, from, messagingServiceSid, apiBaseUrl, statusCallbackUrl, value);
        }
    }

    private TwilioStandIn twilio;
    private SmsSender sender;

    @BeforeEach
    void start() {
        twilio = TwilioStandIn.withRandomCredentials().start();
        sender = new SmsSender(settings());
    }

    @AfterEach
    void stop() {
        sender.close();
        twilio.stop();
    }

    private Settings settings() {
        return new Settings(Optional.of(twilio.accountSid()), Optional.of(twilio.authToken()), Optional.of(FROM),
                Optional.empty(), twilio.baseUrl(), Optional.of(CALLBACK), Duration.ofSeconds(5));
    }

    @Test
    void findsAnEarlierMessageTwilioStillQueues() {
        String to = "+15550002222";
        twilio.keepQueued(to);
        SmsResult.Accepted accepted = (SmsResult.Accepted) sender.send(new SmsRequest(to, "Still in the queue", "k-8"));
        assertEquals(new SmsSender.Reconciliation(accepted.providerMessageId(), true),
                sender.findSent(to, "Still in the queue", java.time.Instant.now().minusSeconds(5)),
                "a queued message has no DateSent yet, and is still recognised");
    }

    @Test
    void findsAnEarlierMessageByNumberAndTextThroughTheListApi() {
        SmsResult.Accepted accepted = (SmsResult.Accepted) sender.send(new SmsRequest(TO, "Parcel at your door", "k-9"));
        SmsSender.Reconciliation found = sender.findSent(TO, "Parcel at your door", java.time.Instant.now().minusSeconds(5));
        assertEquals(new SmsSender.Reconciliation(accepted.providerMessageId(), true), found);
        assertEquals(new SmsSender.Reconciliation(null, true),
                sender.findSent(TO, "Some other text", java.time.Instant.now().minusSeconds(5)));
        assertEquals(new SmsSender.Reconciliation(null, true),
                sender.findSent("+15550001111", "Parcel at your door", java.time.Instant.now().minusSeconds(5)));
        TwilioStandIn.RecordedRequest list = twilio.requests().get(twilio.requests().size() - 1);
        assertEquals("GET", list.method());
    }

    @Test
    void aLostAnswerIsATransientFailureButTheMessageExists() {
        twilio.hangUpSilence(Duration.ofSeconds(7));
        twilio.acceptThenHangUp(TO);
        SmsResult result = sender.send(new SmsRequest(TO, "Out for delivery", "k-10"));
        SmsResult.Failed failed = assertInstanceOf(SmsResult.Failed.class, result);
        assertTrue(failed.isTransient());
        assertEquals(0, failed.httpStatus());
        assertEquals(1, twilio.messagesTo(TO).size());
        assertEquals(1, twilio.requests().stream().filter(r -> r.method().equals("POST")).count(), "no automatic retry of a POST");
    }

    @Test
    void sendsTheRealRequestAndReturnsTheMessageSid() {
        SmsResult result = sender.send(new SmsRequest(TO, "Your order 42 is out for delivery", "order-42:out-for-delivery"));

        SmsResult.Accepted accepted = assertInstanceOf(SmsResult.Accepted.class, result);
        List<RecordedRequest> requests = twilio.requests();
        assertEquals(1, requests.size());
        RecordedRequest request = requests.get(0);
        assertEquals(request.answeredSid(), accepted.providerMessageId());
        assertTrue(accepted.providerMessageId().matches("SM[0-9a-f]{32}"));
        assertEquals("queued", accepted.providerStatus());

        assertEquals("POST", request.method());
        assertEquals("/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages.json", request.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                        (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8)),
                request.header("Authorization"));
        assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"),
                request.header("Content-Type"));
        assertEquals(TO, request.to());
        assertEquals(FROM, request.from());
        assertNull(request.messagingServiceSid());
        assertEquals("Your order 42 is out for delivery", request.body());
        assertEquals(CALLBACK + "?key=order-42%3Aout-for-delivery", request.statusCallback());
        assertEquals("order-42:out-for-delivery", request.header(SmsSender.IDEMPOTENCY_HEADER));
        // The SDK addressed Twilio itself; only the route went to the stand-in.
        assertEquals("api.twilio.com", request.header("Host"));
        assertTrue(request.header("User-Agent").startsWith("twilio-java/13.0.1"), request.header("User-Agent"));
    }

    @Test
    void messagingServiceIsUsedInsteadOfFromWhenConfigured() {
        Settings viaService = new Settings(Optional.of(twilio.accountSid()), Optional.of(twilio.authToken()),
                Optional.of(FROM), Optional.of("MG0123456789abcdef0123456789abcdef"), twilio.baseUrl(),
                Optional.empty(), Duration.ofSeconds(5));
        try (SmsSender serviceSender = new SmsSender(viaService)) {
            SmsResult result = serviceSender.send(new SmsRequest(TO, "Hello", null));

            SmsResult.Accepted accepted = assertInstanceOf(SmsResult.Accepted.class, result);
            assertEquals("accepted", accepted.providerStatus());
            RecordedRequest request = twilio.requests().get(0);
            assertEquals("MG0123456789abcdef0123456789abcdef", request.messagingServiceSid());
            assertNull(request.from());
            assertNull(request.statusCallback());
            assertNull(request.header(SmsSender.IDEMPOTENCY_HEADER));
        }
    }

    @Test
    void invalidNumberIsPermanentAndKeepsTwiliosCodeAndMessage() {
        String message = "The 'To' number +5511000 is not a valid phone number.";
        twilio.failFor("+5511000", 400, 21211, message);

        SmsResult result = sender.send(new SmsRequest("+5511000", "Hello", "k1"));

        assertEquals(new SmsResult.Failed(21211, message, 400, false), result);
        assertEquals(1, twilio.requests().size());
    }

    @Test
    void unsubscribedRecipientIsPermanentAndAnOptOut() {
        twilio.failFor(TO, 400, 21610, "Attempt to send to unsubscribed recipient");

        SmsResult.Failed failed = assertInstanceOf(SmsResult.Failed.class, sender.send(new SmsRequest(TO, "Hello", "k1")));

        assertEquals(21610, failed.providerCode());
        assertEquals(400, failed.httpStatus());
        assertFalse(failed.isTransient());
        assertTrue(sender.optOutCode(failed.providerCode()));
        assertFalse(sender.optOutCode(21211));
        assertFalse(sender.optOutCode(null));
    }

    @Test
    void notAMobileNumberAndLandlineArePermanent() {
        twilio.failFor("+551133334444", 400, 21614, "'To' number is not a valid mobile number");
        twilio.failFor("+551155556666", 400, 30006, "Landline or unreachable carrier");

        SmsResult notMobile = sender.send(new SmsRequest("+551133334444", "Hello", "k1"));
        SmsResult landline = sender.send(new SmsRequest("+551155556666", "Hello", "k2"));

        assertEquals(new SmsResult.Failed(21614, "'To' number is not a valid mobile number", 400, false), notMobile);
        assertEquals(new SmsResult.Failed(30006, "Landline or unreachable carrier", 400, false), landline);
    }

    @Test
    void unreachableHandsetIsTransientByItsCode() {
        twilio.failFor(TO, 400, 30003, "Unreachable destination handset");

        SmsResult result = sender.send(new SmsRequest(TO, "Hello", "k1"));

        assertEquals(new SmsResult.Failed(30003, "Unreachable destination handset", 400, true), result);
    }

    @Test
    void otherClientErrorsArePermanent() {
        twilio.failNext(1, 400, 21408, "Permission to send an SMS has not been enabled for the region");

        SmsResult result = sender.send(new SmsRequest(TO, "Hello", "k1"));

        assertEquals(new SmsResult.Failed(21408,
                "Permission to send an SMS has not been enabled for the region", 400, false), result);
    }

    @Test
    void wrongCredentialsArePermanent() {
        Settings wrong = new Settings(Optional.of(twilio.accountSid()), Optional.of("not-the-token"),
                Optional.of(FROM), Optional.empty(), twilio.baseUrl(), Optional.empty(), Duration.ofSeconds(5));
        try (SmsSender wrongSender = new SmsSender(wrong)) {
            SmsResult result = wrongSender.send(new SmsRequest(TO, "Hello", "k1"));

            assertEquals(new SmsResult.Failed(20003, "Authenticate", 401, false), result);
        }
    }

    @Test
    void serviceUnavailableIsTransientAfterTheRetriesOfTheSdkAndItsHttpClient() {
        twilio.failNext(100, 503, 20503, "Service Unavailable");

        long start = System.nanoTime();
        SmsResult result = sender.send(new SmsRequest(TO, "Hello", "k-503"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(new SmsResult.Failed(20503, "Service Unavailable", 503, true), result);
        // Observed: the SDK makes 3 attempts on 5xx (100 ms apart) and Apache repeats each 503 once
        // after 1 s, so one send is 6 POSTs over about 3.3 s, all with the same idempotency key.
        List<RecordedRequest> requests = twilio.requests();
        assertEquals(6, requests.size());
        assertTrue(requests.stream().allMatch(r -> "k-503".equals(r.header(SmsSender.IDEMPOTENCY_HEADER))));
        assertTrue(took.compareTo(Duration.ofMillis(3000)) >= 0, took.toString());
    }

    @Test
    void internalServerErrorIsTransientAfterTheSdksThreeAttempts() {
        twilio.failNext(100, 500, 20500, "Internal Server Error");

        SmsResult result = sender.send(new SmsRequest(TO, "Hello", "k-500"));

        assertEquals(new SmsResult.Failed(20500, "Internal Server Error", 500, true), result);
        assertEquals(3, twilio.requests().size());
    }

    @Test
    void oneServerErrorIsRetriedBySdkAndTheMessageAccepted() {
        twilio.failNext(1, 500, 20500, "Internal Server Error");

        SmsResult result = sender.send(new SmsRequest(TO, "Hello", "k-500-once"));

        SmsResult.Accepted accepted = assertInstanceOf(SmsResult.Accepted.class, result);
        List<RecordedRequest> requests = twilio.requests();
        assertEquals(2, requests.size());
        assertEquals(500, requests.get(0).answeredStatus());
        assertEquals(requests.get(1).answeredSid(), accepted.providerMessageId());
    }

    @Test
    void rateLimitedOnceIsRetriedAfterASecondAndAccepted() {
        twilio.failNext(1, 429, 20429, "Too Many Requests");

        long start = System.nanoTime();
        SmsResult result = sender.send(new SmsRequest(TO, "Hello", "k-429"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        SmsResult.Accepted accepted = assertInstanceOf(SmsResult.Accepted.class, result);
        List<RecordedRequest> requests = twilio.requests();
        assertEquals(2, requests.size());
        assertEquals(429, requests.get(0).answeredStatus());
        assertEquals(requests.get(1).answeredSid(), accepted.providerMessageId());
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, took.toString());
    }

    @Test
    void rateLimitedTwiceInARowIsTransient() {
        twilio.failNext(2, 429, 20429, "Too Many Requests");

        SmsResult result = sender.send(new SmsRequest(TO, "Hello", "k-429"));

        // Observed: Apache retries the 429 once (after 1 s); the SDK does not retry 4xx. Two 429s
        // in a row therefore reach us, and nothing was sent.
        assertEquals(new SmsResult.Failed(20429, "Too Many Requests", 429, true), result);
        assertEquals(2, twilio.requests().size());
    }

    @Test
    void connectionRefusedIsTransient() {
        Settings stoppedStandIn = settings();
        twilio.stop();
        try (SmsSender refused = new SmsSender(stoppedStandIn)) {
            SmsResult.Failed failed = assertInstanceOf(SmsResult.Failed.class,
                    refused.send(new SmsRequest(TO, "Hello", "k1")));

            assertNull(failed.providerCode());
            assertEquals(0, failed.httpStatus());
            assertTrue(failed.isTransient());
            assertTrue(failed.providerMessage().contains("Connect"), failed.providerMessage());
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsTransient() {
        twilio.delayNext(1, Duration.ofSeconds(3));
        try (SmsSender impatient = new SmsSender(settings().withTimeout(Duration.ofMillis(300)))) {
            long start = System.nanoTime();
            SmsResult.Failed failed = assertInstanceOf(SmsResult.Failed.class,
                    impatient.send(new SmsRequest(TO, "Hello", "k-slow")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertNull(failed.providerCode());
            assertEquals(0, failed.httpStatus());
            assertTrue(failed.isTransient());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, took.toString());
            // The stand-in did create the message: a retry must reuse the key so it can be matched.
            assertEquals(1, twilio.requests().size());
            assertEquals(201, twilio.requests().get(0).answeredStatus());
        }
    }

    @Test
    void notConfiguredSendsNothing() {
        Settings missingToken = new Settings(Optional.of(twilio.accountSid()), Optional.empty(), Optional.of(FROM),
                Optional.empty(), twilio.baseUrl(), Optional.empty(), Duration.ofSeconds(5));
        Settings missingSender = new Settings(Optional.of(twilio.accountSid()), Optional.of(twilio.authToken()),
                Optional.of(" "), Optional.empty(), twilio.baseUrl(), Optional.empty(), Duration.ofSeconds(5));

        try (SmsSender a = new SmsSender(missingToken); SmsSender b = new SmsSender(missingSender)) {
            assertEquals(new SmsResult.NotConfigured(), a.send(new SmsRequest(TO, "Hello", "k1")));
            assertEquals(new SmsResult.NotConfigured(), b.send(new SmsRequest(TO, "Hello", "k1")));
        }
        assertFalse(missingToken.configured());
        assertFalse(missingSender.configured());
        assertTrue(twilio.requests().isEmpty());
    }

    @Test
    void keyIsAppendedToCallbackUrls() {
        assertEquals(CALLBACK + "?key=a%2Fb+c", SmsSender.withKey(CALLBACK, "a/b c"));
        assertEquals(CALLBACK + "?tenant=1&key=k", SmsSender.withKey(CALLBACK + "?tenant=1", "k"));
        assertEquals(CALLBACK + "?key=k#rc=2", SmsSender.withKey(CALLBACK + "#rc=2", "k"));
        assertEquals(CALLBACK, SmsSender.withKey(CALLBACK, null));
    }

    @Test
    void classification() {
        assertTrue(SmsSender.isTransient(429, null));
        assertTrue(SmsSender.isTransient(503, null));
        assertTrue(SmsSender.isTransient(500, 20500));
        assertTrue(SmsSender.isTransient(400, 30003));
        assertTrue(SmsSender.isTransient(400, 20429));
        assertFalse(SmsSender.isTransient(400, 21211));
        assertFalse(SmsSender.isTransient(400, 21610));
        assertFalse(SmsSender.isTransient(400, 21614));
        assertFalse(SmsSender.isTransient(400, 30006));
        assertFalse(SmsSender.isTransient(404, 20404));
        assertFalse(SmsSender.isTransient(403, null));
    }
}
