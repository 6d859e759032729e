package dev.ordertracking.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Sends e-mail through Quarkus Mailer (SMTP, {@code quarkus.mailer.*}) and says whether a failure
 * is worth retrying: SMTP 4xx replies and connection problems are transient, 5xx replies permanent.
 * Configured means a sender address is set ({@code quarkus.mailer.from}); without it nothing is sent
 * and the service still runs.
 */
@ApplicationScoped
public class EmailSender {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);

    private final Mailer mailer;
    private final Optional<String> from;
    private final boolean mock;

    public EmailSender(Mailer mailer, @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from,
                       @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock) {
        this.mailer = mailer;
        this.from = from.filter(f -> !f.isBlank());
        this.mock = mock;
    }

    public boolean configured() {
        return from.isPresent() && !mock;
    }

    /** Sends one e-mail (blocking: call it from a worker thread); never throws for SMTP or network failures. */
    public EmailResult send(EmailRequest request) {
        if (!configured()) {
            return new EmailResult.NotConfigured();
        }
        Mail mail = Mail.withHtml(request.to(), request.subject(), request.html()).setText(request.text());
        if (request.messageId() != null) {
            mail.addHeader("Message-ID", request.messageId());
        }
        if (request.unsubscribeUrl() != null) {
            // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the URL.
            mail.addHeader("List-Unsubscribe", "<" + request.unsubscribeUrl() + ">");
            mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        try {
            mailer.send(mail);
            return new EmailResult.Accepted(request.messageId());
        } catch (RuntimeException e) {
            SMTPException smtp = find(e, SMTPException.class);
            if (smtp != null) {
                int code = smtp.getReplyCode();
                LOG.debugf("SMTP refused e-mail: %d %s", code, smtp.getMessage());
                return new EmailResult.Failed(String.valueOf(code), smtp.getMessage(), code < 500);
            }
            Throwable root = root(e);
            LOG.debugf("SMTP unreachable: %s", root.toString());
            return new EmailResult.Failed(null, root.getClass().getSimpleName() + ": " + root.getMessage(), true);
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
