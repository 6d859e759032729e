package dev.ordertracking.notification;

import dev.ordertracking.notification.email.EmailRequest;
import dev.ordertracking.notification.email.EmailResult;
import dev.ordertracking.notification.email.EmailSender;
import dev.ordertracking.notification.sms.SmsOptOutService;
import dev.ordertracking.notification.sms.SmsRequest;
import dev.ordertracking.notification.sms.SmsResult;
import dev.ordertracking.notification.sms.SmsSender;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Talks to the SMS and e-mail providers and reads their answers: accepted, worth another attempt
 * later (kept as provider trouble for the health check), or never (the message fails for good and
 * falls back to the customer's other channel; a number that opted out is remembered).
 */
@ApplicationScoped
public class ProviderCalls {

    private static final Duration DAY = Duration.ofHours(24);

    private final SmsSender sms;
    private final EmailSender email;
    private final SmsOptOutService optOuts;
    private final ProviderTrouble trouble;
    private final DispatchOutcomes outcomes;
    private final NotificationSettings.Dispatch settings;
    private final Clock clock;
    private final RateLimiter smsRate;
    private final Retries retries;

    public ProviderCalls(SmsSender sms, EmailSender email, SmsOptOutService optOuts, ProviderTrouble trouble,
                         DispatchOutcomes outcomes, NotificationSettings settings, Clock clock) {
        this.sms = sms;
        this.email = email;
        this.optOuts = optOuts;
        this.trouble = trouble;
        this.outcomes = outcomes;
        this.settings = settings.dispatch();
        this.clock = clock;
        this.smsRate = new RateLimiter(this.settings.smsPerSecond());
        this.retries = retries(this.settings);
    }

    static Retries retries(NotificationSettings.Dispatch settings) {
        return new Retries(settings.maxAttempts(), new Backoff(settings.initialBackoff(), settings.maxBackoff()),
                new Random());
    }

    public boolean configured(Channel channel) {
        return channel == Channel.SMS ? sms.configured() : email.configured();
    }

    /** Asks Twilio whether an earlier attempt of this SMS reached it (found by its text). */
    SendFacts.EarlierAttempt earlierAttempt(ClaimedNotification n, Instant now) {
        SmsSender.Reconciliation found = sms.findSent(n.recipient(), n.body(), n.previousClaimedAt() != null
                ? n.previousClaimedAt() : now.minus(DAY));
        if (found.sid() != null) {
            return SendFacts.EarlierAttempt.found(found.sid());
        }
        return found.answered() ? SendFacts.EarlierAttempt.notFound() : SendFacts.EarlierAttempt.unanswered();
    }

    /** Sends the message; returns the outcome to record, or null when a permanent failure was recorded already. */
    Transition send(PreparedSend send) throws Exception {
        return send.n().channel() == Channel.SMS ? sendSms(send) : sendEmail(send);
    }

    private Transition sendSms(PreparedSend send) throws Exception {
        ClaimedNotification n = send.n();
        smsRate.acquire();
        SmsResult result = sms.send(new SmsRequest(n.recipient(), send.rendered().text(), n.id().toString()));
        Instant now = clock.instant();
        if (result instanceof SmsResult.Accepted a) {
            trouble.succeeded(Channel.SMS);
            return Transition.accepted(NotificationStatus.ACCEPTED, a.providerMessageId(), a.providerStatus(), now);
        }
        if (result instanceof SmsResult.Failed f) {
            String code = f.providerCode() == null ? (f.httpStatus() == 0 ? Transition.CONNECTION_LOST : "HTTP "
                    + f.httpStatus()) : String.valueOf(f.providerCode());
            if (f.isTransient()) {
                trouble.failed(Channel.SMS, code, f.providerMessage(), now);
                return retries.after(n, code, f.providerMessage(), now).transition(now);
            }
            if (sms.optOutCode(f.providerCode())) {
                QuarkusTransaction.requiringNew().run(() -> {
                    try {
                        optOuts.optOut(n.recipient(), now, "twilio:" + f.providerCode());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            outcomes.failPermanently(n, send.journey(), code, f.providerMessage(), now);
            return null;
        }
        return Transition.later(NotificationStatus.WAITING_FOR_PROVIDER, "SMS provider is not configured",
                now.plus(settings.unconfiguredRecheck()));
    }

    private Transition sendEmail(PreparedSend send) {
        ClaimedNotification n = send.n();
        RenderedMessage rendered = send.rendered();
        EmailResult result = email.send(new EmailRequest(n.recipient(), rendered.subject(), rendered.html(),
                rendered.text(), "<" + n.id() + "@order-tracking>", rendered.unsubscribeUrl()));
        Instant now = clock.instant();
        if (result instanceof EmailResult.Accepted a) {
            trouble.succeeded(Channel.EMAIL);
            return Transition.accepted(NotificationStatus.SENT, a.messageId(), "accepted by SMTP server", now);
        }
        if (result instanceof EmailResult.Failed f) {
            String code = f.code() == null ? Transition.CONNECTION_LOST : f.code();
            if (f.isTransient()) {
                trouble.failed(Channel.EMAIL, code, f.message(), now);
                return retries.after(n, code, f.message(), now).transition(now);
            }
            outcomes.failPermanently(n, send.journey(), code, f.message(), now);
            return null;
        }
        return Transition.later(NotificationStatus.WAITING_FOR_PROVIDER, "e-mail provider is not configured",
                now.plus(settings.unconfiguredRecheck()));
    }
}
