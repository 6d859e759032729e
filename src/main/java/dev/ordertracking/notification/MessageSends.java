package dev.ordertracking.notification;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Sends one prepared message on a sender thread, traced, and records the provider's answer. */
@ApplicationScoped
public class MessageSends {

    private static final Logger LOG = Logger.getLogger(MessageSends.class);

    private final ProviderCalls providers;
    private final SendSpans spans;
    private final DispatchOutcomes outcomes;
    private final Duration lease;
    private final Clock clock;

    public MessageSends(ProviderCalls providers, SendSpans spans, DispatchOutcomes outcomes,
                        NotificationSettings settings, Clock clock) {
        this.providers = providers;
        this.spans = spans;
        this.outcomes = outcomes;
        this.lease = settings.dispatch().lease();
        this.clock = clock;
    }

    public boolean configured(Channel channel) {
        return providers.configured(channel);
    }

    /**
     * Sends, unless the claim is nearly over; never throws (a failure is logged and the claim runs
     * out, so the message is claimed again in doubt).
     *
     * @param keepTrying whether recording the answer should still be retried (false once shutting down)
     */
    void send(PreparedSend send, BooleanSupplier keepTrying) {
        ClaimedNotification n = send.n();
        try {
            if (leaseNearlyOver(n)) {
                // Another dispatcher may claim it any moment now; sending as well could send it
                // twice. Left alone, it is claimed again in doubt and checked with the provider.
                LOG.debugf("Message %s waited too long to be sent; left for the next claim", n.id());
                return;
            }
            Span span = spans.start(n);
            try (Scope ignored = span.makeCurrent()) {
                Transition outcome = providers.send(send);
                SendSpans.outcome(span, outcome);
                if (outcome != null) {
                    outcomes.recordAnswer(n, outcome, keepTrying);
                }
            } catch (Exception e) {
                SendSpans.failed(span, e);
                throw e;
            } finally {
                span.end();
            }
        } catch (Exception e) {
            LOG.warnf("Message %s could not be sent: %s", n.id(), e.toString());
        }
    }

    /** True once three quarters of the claim's lease are gone: too late to start a send. */
    private boolean leaseNearlyOver(ClaimedNotification n) {
        return n.lastClaimedAt() != null
                && clock.instant().isAfter(n.lastClaimedAt().plus(lease.minus(lease.dividedBy(4))));
    }
}
