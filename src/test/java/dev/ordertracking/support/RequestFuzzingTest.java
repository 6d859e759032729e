package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated requests to every API operation (as the OpenAPI document lists them) and to the public
 * pages and webhooks: odd path values, broken and oversized bodies, wrong types, unknown and huge
 * query values. Nothing answers 5xx, and every API error is problem+json.
 */
@QuarkusTest
class RequestFuzzingTest {

    private static final long SEED = 20261124L;
    private static final int PER_OPERATION = 60;

    private static final List<String> ODD_VALUES = List.of("", " ", "0", "-1", "99999999999999999999", "1e309",
            "null", "true", "%00", "..%2F..%2Fetc%2Fpasswd", "<script>alert(1)</script>", "' or 1=1 --",
            "\u202e\u0635\u0648\u0631\u0629", "😀😀😀", "00000000-0000-0000-0000-000000000000", "x".repeat(3000),
            "2026-13-45", "DELIVERED", "{\"a\":1}", "A1001");
    private static final List<String> ODD_BODIES = List.of("", "{", "[]", "null", "42", "\"text\"", "{\"note\":42}",
            "{\"text\":null}", "{\"type\":[],\"note\":{}}", "{\"incidentId\":\"not-a-uuid\"}",
            "{\"sms\":{\"enabled\":\"yes\"}}", "{\"note\":\"" + "x".repeat(100_000) + "\"}", "{\"a\":" + "[".repeat(5000)
                    + "]".repeat(5000) + "}", "\u0000\u0001\u0002", "{\"text\":\"\uD800\"}");

    private record Operation(String method, String template) {
    }

    @Test
    void noMutatedRequestGetsA5xx() throws Exception {
        Random random = new Random(SEED);
        JsonNode doc = new ObjectMapper().readTree(Management.given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(new Operation(method, path.getKey()));
                }
            });
        }
        operations.addAll(List.of(new Operation("get", "/t/{token}"), new Operation("post", "/t/{token}/feedback"),
                new Operation("get", "/preferences/{token}"), new Operation("post", "/preferences/{token}"),
                new Operation("get", "/unsubscribe/{token}"), new Operation("post", "/unsubscribe/{token}"),
                new Operation("post", "/webhooks/twilio/status"), new Operation("post", "/webhooks/twilio/inbound")));
        String token = Tokens.support();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Operation op : operations) {
            for (int i = 0; i < PER_OPERATION; i++) {
                String path = op.template();
                while (path.contains("{")) {
                    String value = URLEncoder.encode(pick(random, ODD_VALUES), StandardCharsets.UTF_8).replace("+", "%20");
                    path = path.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value.isEmpty() ? "%20" : value));
                }
                RequestSpecification request = given().urlEncodingEnabled(false).redirects().follow(false);
                if (path.startsWith("/api/")) {
                    request = request.auth().oauth2(token);
                }
                for (String name : List.of("page", "size", "status", "late", "email", "from", "to", "reason", "lang")) {
                    if (random.nextInt(3) == 0) {
                        request = request.queryParam(name, URLEncoder.encode(pick(random, ODD_VALUES), StandardCharsets.UTF_8));
                    }
                }
                if (!op.method().equals("get")) {
                    boolean form = path.startsWith("/t/") || path.startsWith("/webhooks/") || path.startsWith("/unsubscribe/")
                            || path.startsWith("/preferences/");
                    String body = form ? "rating=" + URLEncoder.encode(pick(random, ODD_VALUES), StandardCharsets.UTF_8)
                            + "&comment=" + URLEncoder.encode(pick(random, ODD_VALUES), StandardCharsets.UTF_8)
                            + "&From=%2B15550001111&Body=STOP&MessageSid=SM1&MessageStatus=" + pick(random, ODD_VALUES)
                            : pick(random, ODD_BODIES);
                    request = request.contentType(form ? "application/x-www-form-urlencoded; charset=UTF-8"
                            : "application/json").body(form ? body : body.getBytes(StandardCharsets.UTF_8));
                }
                Response response = request.request(op.method(), path);
                requests++;
                int status = response.statusCode();
                if (status >= 500) {
                    failures.add(op.method().toUpperCase() + " " + path.substring(0, Math.min(120, path.length()))
                            + " -> " + status + " " + response.asString().substring(0, Math.min(200, response.asString().length())));
                } else if (path.startsWith("/api/") && status >= 400 && !response.asString().isEmpty()
                        && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(op.method().toUpperCase() + " " + path + " -> " + status + " as " + response.contentType());
                }
            }
        }
        System.out.printf("request fuzzing: %d requests over %d operations%n", requests, operations.size());
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, first: " + failures.stream().limit(8).toList());
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
