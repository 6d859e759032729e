package dev.ordertracking.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

/**
 * Requests to the management interface of the service under test: {@code /q/*} (health, metrics,
 * OpenAPI, Swagger UI) answer on their own port, not on the application's.
 */
public final class Management {

    private Management() {
    }

    /** Like RestAssured's {@code given()}, aimed at the management port. */
    public static RequestSpecification given() {
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return RestAssured.given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(uri.getPort());
    }
}
