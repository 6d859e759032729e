package dev.ordertracking.notification.sms;

import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STOP / START from customers' phones, through Twilio's signed webhook. */
@QuarkusTest
class TwilioInboundWebhookTest {

    private static final String TOKEN = "test-webhook-token";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void stopSuppressesTheNumberAndStartLiftsIt() throws Exception {
        String phone = randomPhone();
        inbound(phone, "Stop ", true).then().statusCode(200).contentType(containsString("xml"))
                .body(containsString("<Response/>"));
        assertTrue(optedOut(phone));

        inbound(phone, "hello", true).then().statusCode(200);
        assertTrue(optedOut(phone), "other texts change nothing");

        inbound(phone, "START", true).then().statusCode(200);
        assertFalse(optedOut(phone));
    }

    @Test
    void forgedOrMissingSignaturesAreRefusedAndChangeNothing() throws Exception {
        String phone = randomPhone();
        inbound(phone, "STOP", false).then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").formParams(Map.of("From", phone, "Body", "STOP"))
                .post("/webhooks/twilio/inbound").then().statusCode(403);
        assertFalse(optedOut(phone));
    }

    private static io.restassured.response.Response inbound(String from, String body, boolean validSignature) {
        Map<String, String> params = Map.of("From", from, "To", "+15005550006", "Body", body,
                "MessageSid", "SM" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        String url = "http://localhost:" + RestAssured.port + "/webhooks/twilio/inbound";
        String signature = TwilioStandIn.signature(validSignature ? TOKEN : "someone-elses-token", url, params);
        return given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .formParams(params).post("/webhooks/twilio/inbound");
    }

    private boolean optedOut(String phone) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from sms_opt_out where phone = ?")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String randomPhone() {
        return "+4915" + (100_000_000 + ThreadLocalRandom.current().nextInt(899_999_999));
    }
}
