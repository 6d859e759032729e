package dev.ordertracking.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How URL attributes of spans are rewritten before export. */
class SpanRedactionTest {

    @Test
    void tokenSegmentsBecomeTheirPlaceholder() {
        assertEquals("/t/{token}", SpanRedaction.path("/t/q8Jx3nO2kVt5cM0aZ1bR4w"));
        assertEquals("/t/{token}/feedback", SpanRedaction.path("/t/q8Jx3nO2kVt5cM0aZ1bR4w/feedback"));
        assertEquals("/preferences/{token}", SpanRedaction.path("/preferences/Qy0x.AQAAAABn"));
        assertEquals("/unsubscribe/{token}", SpanRedaction.path("/unsubscribe/Qy0x.AQAAAABn"));
        assertEquals("/api/orders/ORD-1/notes", SpanRedaction.path("/api/orders/ORD-1/notes"));
        assertEquals("/console/orders/a***@customer.example",
                SpanRedaction.path("/console/orders/ana@customer.example"));
        assertEquals("/api/orders/+*********78", SpanRedaction.path("/api/orders/%2B15559790878"));
    }

    @Test
    void queryValuesGoParameterNamesStay() {
        assertEquals("email=REDACTED&phone=REDACTED&size=REDACTED",
                SpanRedaction.query("email=ana%40customer.example&phone=%2B15559790878&size=5"));
        assertEquals("q=REDACTED", SpanRedaction.query("q=ana@customer.example"));
        assertEquals("flag", SpanRedaction.query("flag"));
    }

    @Test
    void wholeUrlsAreRewrittenPartByPart() {
        assertEquals("https://track.shop.example/t/{token}?lang=REDACTED",
                SpanRedaction.target("https://track.shop.example/t/abc?lang=fa#top"));
        assertEquals("/api/orders?email=REDACTED", SpanRedaction.target("/api/orders?email=a@b.example"));
    }
}
