package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.testing.Management;
import dev.ordertracking.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
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

    private static int call(RequestSpecification request, Operation op) {
        return request.contentType("application/json").body("{}").request(op.method(), op.path())
                .then().extract().statusCode();
    }

    @Test
    void noOperationAnswersWithoutTheSupportGroup() throws Exception {
        List<Operation> operations = apiOperations();
        assertTrue(operations.size() >= 15, "the document lists the API: " + operations);
        String warehouse = Tokens.withGroups("warehouse");
        for (Operation op : operations) {
            assertEquals(401, call(given(), op), "no token: " + op);
            assertEquals(401, call(given().auth().oauth2("not-a-token"), op), "garbage token: " + op);
            assertEquals(403, call(given().auth().oauth2(warehouse), op), "wrong group: " + op);
        }
    }
}
