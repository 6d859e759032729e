package dev.ordertracking.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ordertracking.testing.Management.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Health, metrics and API documentation, as operators and integrators reach them: on the management port. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessCoversKafkaTheDatabaseAndTheOutbox() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check", "Outbox relay"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiArePublished() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tracking_outbox_backlog"))
                .body(containsString("tracking_outbox_oldest_age_seconds"))
                .body(containsString("tracking_notifications_waiting{channel=\"SMS\",status=\"DEFERRED\"}"))
                // Consumer lag, from the Kafka client's own metrics.
                .body(containsString("kafka_consumer_fetch_manager_records_lag"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/orders/{orderId}"))
                .body(containsString("/api/stats/delivery"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void theApplicationPortServesNoneOfThem() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            RestAssured.given().get(path).then().statusCode(404);
        }
    }
}
