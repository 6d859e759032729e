package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation under /api, as the OpenAPI document lists them: nothing without a token, nothing
 * with a token outside the support group, and never a body that gives anything away.
 */
@QuarkusTest
class ApiAccessTest {

    private record Operation(String method, String path) {
    }

    private static List<Operation> apiOperations() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Management.given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(new Operation(method, path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000")));
                }
            });
        }
        return operations;
    }

    /**
     * Calls {@code op} and checks the refusal: {@code status} with a problem+json body that says no
     * more than the status, its title and the fixed reason (no detail of the resource or the token).
     */
    private static void refused(RequestSpecification request, Operation op, int status, String title,
                                String detail, String why) throws Exception {
        Response answer = request.contentType("application/json").body("{}").request(op.method(), op.path());
        String what = why + ": " + op + " -> " + answer.statusCode() + " " + answer.contentType() + " "
                + answer.asString();
        assertEquals(status, answer.statusCode(), what);
        assertEquals("application/problem+json", answer.contentType().split(";")[0].trim(), what);
        JsonNode body = new ObjectMapper().readTree(answer.asString());
        assertEquals(Set.of("type", "title", "status", "detail", "instance"), fieldNames(body), what);
        assertEquals("about:blank", body.path("type").asText(), what);
        assertEquals(title, body.path("title").asText(), what);
        assertEquals(status, body.path("status").asInt(), what);
        assertEquals(detail, body.path("detail").asText(), what);
        assertEquals(op.path(), body.path("instance").asText(), what);
        if (status == 401) {
            assertEquals("Bearer", answer.header("WWW-Authenticate"), what);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void noOperationAnswersWithoutTheSupportGroup() throws Exception {
        List<Operation> operations = apiOperations();
        assertTrue(operations.size() >= 15, "the document lists the API: " + operations);
        String warehouse = Tokens.withGroups("warehouse");
        String noToken = "a valid bearer token is required";
        for (Operation op : operations) {
            refused(given(), op, 401, "Unauthorized", noToken, "no token");
            refused(given().auth().oauth2("not-a-token"), op, 401, "Unauthorized", noToken, "garbage token");
            refused(given().auth().oauth2(warehouse), op, 403, "Forbidden",
                    "the token does not carry the required group", "wrong group");
        }
    }

    @Test
    void aSupportTokenIssuedForAnotherServiceOrForNoneIsRefused() {
        given().auth().oauth2(Tokens.support()).get("/api/incidents").then().statusCode(200);
        for (String token : List.of(Tokens.supportForAudience("warehouse-service"),
                Tokens.supportForAudience("warehouse-service", "billing"), Tokens.supportWithoutAudience())) {
            given().auth().oauth2(token).get("/api/incidents").then()
                    .statusCode(401).contentType("application/problem+json")
                    .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        }
    }
}
