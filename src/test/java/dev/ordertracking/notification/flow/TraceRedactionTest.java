package dev.ordertracking.notification.flow;

import dev.ordertracking.notification.email.UnsubscribeLinks;
import dev.ordertracking.testing.DaytimeFlow;
import dev.ordertracking.testing.RecordingSpanExporter;
import dev.ordertracking.testing.Shop;
import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Exported HTTP spans keep the route but carry no customer token, e-mail address or phone number:
 * the tracking page, the preferences and unsubscribe links and a search by contact, each in a trace
 * of its own, read back from the span exporter.
 */
@QuarkusTest
class TraceRedactionTest extends DaytimeFlow {

    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");

    @Inject
    AgroalDataSource db;

    @Inject
    RecordingSpanExporter spans;

    @Inject
    UnsubscribeLinks links;

    @Test
    void pageLinksAndContactSearchesLeaveNoSecretInTheTrace() {
        Shop order = Shop.order("REDACT", "en", "Europe/London", clock).placed();
        String trackingToken = await().atMost(FlowSupport.WAIT)
                .until(() -> FlowSupport.trackingToken(db, order.orderId()), t -> t != null);
        String unsubscribeUrl = links.urlFor(order.customerId());
        String unsubscribeToken = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);
        String preferencesToken = links.preferencesPath(order.customerId()).substring("/preferences/".length());
        List<String> secrets = List.of(trackingToken, unsubscribeToken, preferencesToken, order.email(),
                order.phone(), order.phone().substring(1), enc(order.email()), enc(order.phone()));

        SpanData page = request("/t/{token}", traced -> traced.queryParam("lang", "en").get("/t/{token}", trackingToken)
                .then().statusCode(200));
        assertEquals("/t/{token}", page.getAttributes().get(PATH));
        assertEquals("lang=REDACTED", page.getAttributes().get(QUERY));

        SpanData preferences = request("/preferences/{token}", traced -> traced.get("/preferences/{token}", preferencesToken)
                .then().statusCode(200));
        assertEquals("/preferences/{token}", preferences.getAttributes().get(PATH));

        SpanData unsubscribe = request("/unsubscribe/{token}", traced -> traced.get("/unsubscribe/{token}", unsubscribeToken)
                .then().statusCode(200));
        assertEquals("/unsubscribe/{token}", unsubscribe.getAttributes().get(PATH));

        SpanData search = request("/api/orders", traced -> traced.auth().oauth2(Tokens.support())
                .queryParam("email", order.email()).queryParam("phone", order.phone())
                .get("/api/orders").then().statusCode(200));
        assertEquals("email=REDACTED&phone=REDACTED", search.getAttributes().get(QUERY));

        for (SpanData span : List.of(page, preferences, unsubscribe, search)) {
            for (SpanData any : spans.ofTrace(span.getTraceId())) {
                String text = any.getName() + " " + any.getAttributes() + " " + any.getEvents();
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "exported span holds " + secret + ": " + text);
                }
            }
        }
    }

    /** Sends one request in a trace of its own; its server span as exported, found by route. */
    private SpanData request(String route, java.util.function.Consumer<RequestSpecification> call) {
        String traceId = hex(16);
        call.accept(given().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));
        return await().alias(route + " in trace " + traceId).atMost(FlowSupport.WAIT)
                .until(() -> spans.ofTrace(traceId).stream()
                        .filter(s -> s.getKind() == SpanKind.SERVER && route.equals(s.getAttributes().get(ROUTE)))
                        .findFirst().orElse(null), s -> s != null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
