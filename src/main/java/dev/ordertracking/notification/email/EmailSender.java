package dev.ordertracking.notification.email;

import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder until the SMTP sender lands. */
@ApplicationScoped
public class EmailSender {

    public boolean configured() {
        return false;
    }

    public EmailResult send(EmailRequest request) {
        return new EmailResult.NotConfigured();
    }
}
