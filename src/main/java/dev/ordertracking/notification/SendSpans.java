package dev.ordertracking.notification;

import dev.ordertracking.platform.ContactMasking;
import dev.ordertracking.platform.TraceContexts;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The span of one send to a provider ({@code twilio send} or {@code smtp send}, kind CLIENT). It
 * continues the trace stored with the message, so a customer message shows up under the event or
 * request that caused it, however much later it went out.
 */
@ApplicationScoped
public class SendSpans {

    static final AttributeKey<String> NOTIFICATION_ID = AttributeKey.stringKey("notification.id");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("notification.channel");
    static final AttributeKey<String> MILESTONE = AttributeKey.stringKey("notification.milestone");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("notification.attempt");
    static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("notification.status");
    static final AttributeKey<String> PROVIDER_ID = AttributeKey.stringKey("notification.provider_id");
    static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("notification.error_code");

    private final Tracer tracer;

    public SendSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    Span start(ClaimedNotification n) {
        return tracer.spanBuilder(n.channel() == Channel.SMS ? "twilio send" : "smtp send")
                .setParent(TraceContexts.parse(n.traceParent()))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(NOTIFICATION_ID, n.id().toString())
                .setAttribute(CHANNEL, n.channel().name())
                .setAttribute(MILESTONE, n.milestone().name())
                .setAttribute(ATTEMPT, (long) n.attempts())
                .setAttribute(ORDER_ID, n.orderId())
                .startSpan();
    }

    /** What the provider said; null when the outcome was recorded on the spot (a permanent failure). */
    static void outcome(Span span, Transition outcome) {
        if (outcome == null) {
            span.setAttribute(STATUS, NotificationStatus.FAILED.name());
            span.setStatus(StatusCode.ERROR, "permanent failure");
            return;
        }
        span.setAttribute(STATUS, outcome.status().name());
        if (outcome.providerId() != null) {
            span.setAttribute(PROVIDER_ID, outcome.providerId());
        }
        if (outcome.errorCode() != null) {
            span.setAttribute(ERROR_CODE, outcome.errorCode());
            // Provider messages may quote the recipient; spans leave the service like logs do.
            span.setStatus(StatusCode.ERROR, ContactMasking.mask(outcome.errorCode()
                    + (outcome.errorMessage() == null ? "" : ": " + outcome.errorMessage())));
        }
    }

    static void failed(Span span, Exception e) {
        span.setStatus(StatusCode.ERROR, ContactMasking.mask(e.toString()));
    }
}
