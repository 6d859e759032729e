package dev.ordertracking.notification.flow;

import dev.ordertracking.testing.TwilioStandIn;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Webhook calls as Twilio makes them, signed with the test run's auth token. */
public final class TwilioCalls {

    static final String TOKEN = "test-webhook-token";

    private TwilioCalls() {
    }

    static Response statusCallback(String key, String sid, String status, String errorCode, boolean validSignature) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("MessageStatus", status);
        params.put("AccountSid", "ACtest");
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        String path = "/webhooks/twilio/status" + (key == null ? "" : "?key=" + key);
        String url = "http://localhost:" + RestAssured.port + path;
        String signature = TwilioStandIn.signature(validSignature ? TOKEN : "someone-elses-token", url, params);
        return given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .formParams(params).post(path);
    }

    public static Response inbound(String from, String body) {
        Map<String, String> params = Map.of("From", from, "To", "+15005550006", "Body", body, "MessageSid", "SMin" + from);
        String url = "http://localhost:" + RestAssured.port + "/webhooks/twilio/inbound";
        return given().contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioStandIn.signature(TOKEN, url, params))
                .formParams(params).post("/webhooks/twilio/inbound");
    }
}
