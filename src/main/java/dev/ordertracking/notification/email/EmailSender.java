package dev.ordertracking.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.LaunchMode;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Sends e-mail through Quarkus' blocking {@link Mailer} (the Vert.x SMTP client) and says whether a
 * failure is worth retrying. Blocks the calling thread: call it from a worker, never an event loop.
 *
 * <p>Configured means {@code quarkus.mailer.from} is set and the mailer is not in mock mode (Quarkus
 * turns mock on by default in dev and test; application.properties turns it off everywhere). A mock
 * mailer only prints messages, so it counts as not configured rather than as delivered.
 *
 * <p>Failures: an SMTP reply 4xx, a refused or dropped connection and a timeout are transient; an
 * SMTP reply 5xx and an address the mailer rejects before sending are permanent. The Vert.x client
 * reports a reply as {@link SMTPException} (reply code and lines), which the blocking mailer hands
 * on wrapped in a {@link java.util.concurrent.CompletionException}; the cause chain is searched.
 */
@ApplicationScoped
public class EmailSender {

    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe=One-Click";

    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    private static final int MAX_CAUSES = 16;

    private final Mailer mailer;
    private final boolean configured;
    private final Duration timeout;

    public EmailSender(Mailer mailer,
                       @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from,
                       @ConfigProperty(name = "quarkus.mailer.mock") Optional<Boolean> mock,
                       @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "PT60S") Duration timeout) {
        this.mailer = mailer;
        // Quarkus' own default for mock: on in dev and test.
        boolean mocked = mock.orElse(LaunchMode.current().isDevOrTest());
        this.configured = from.filter(f -> !f.isBlank()).isPresent() && !mocked;
        this.timeout = timeout;
        if (!configured) {
            LOG.infof("E-mail is not configured (%s): e-mails wait until it is",
                    mocked ? "quarkus.mailer.mock is on" : "quarkus.mailer.from is not set");
        }
    }

    /** Whether e-mail can be sent at all. */
    public boolean configured() {
        return configured;
    }

    /** Sends one e-mail; never throws for SMTP or network failures. */
    public EmailResult send(EmailRequest request) {
        if (!configured) {
            return new EmailResult.NotConfigured();
        }
        Mail mail = Mail.withHtml(request.to(), request.subject(), request.html())
                .setText(request.text())
                .addHeader("Message-ID", request.messageId());
        if (request.unsubscribeUrl() != null && !request.unsubscribeUrl().isBlank()) {
            // RFC 8058: mailbox providers show an unsubscribe button that POSTs to this URL.
            mail.addHeader("List-Unsubscribe", "<" + request.unsubscribeUrl() + ">")
                    .addHeader("List-Unsubscribe-Post", LIST_UNSUBSCRIBE_POST);
        }
        try {
            mailer.send(mail);
            return new EmailResult.Accepted(request.messageId());
        } catch (RuntimeException e) {
            EmailResult.Failed failed = classify(e, timeout);
            LOG.debugf("E-mail %s not sent: %s %s (%s)", request.messageId(), failed.code(), failed.message(),
                    failed.isTransient() ? "transient" : "permanent");
            return failed;
        }
    }

    /** What a failure of {@link Mailer#send} means for retrying. */
    static EmailResult.Failed classify(Throwable failure, Duration timeout) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                int code = smtp.getReplyCode();
                String text = String.join(" ", smtp.getReplyMessages());
                return new EmailResult.Failed(String.valueOf(code), text, code < 500);
            }
            if (t instanceof io.smallrye.mutiny.TimeoutException || t instanceof TimeoutException) {
                // The send may still complete after this; the fixed Message-ID lets a retry be recognised.
                return new EmailResult.Failed(null, "no answer from the SMTP server within " + timeout, true);
            }
            if (t instanceof IOException) {
                // Connection refused or reset, connect timeout, TLS handshake failure, socket closed.
                return new EmailResult.Failed(null, describe(t), true);
            }
        }
        if (failure instanceof IllegalArgumentException) {
            // The mailer checks addresses before connecting; this message can never be sent as it is.
            return new EmailResult.Failed(null, describe(failure), false);
        }
        // Anything else (the server closed the connection, STARTTLS required but not offered, ...)
        // may pass on a later attempt or after a configuration change.
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && depth < MAX_CAUSES; depth++) {
            root = root.getCause();
        }
        return new EmailResult.Failed(null, describe(root), true);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
