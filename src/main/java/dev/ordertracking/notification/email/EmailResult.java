package dev.ordertracking.notification.email;

/** What became of one {@link EmailSender#send(EmailRequest)}. */
public sealed interface EmailResult {

    /** The SMTP server accepted the message. */
    record Accepted(String messageId) implements EmailResult {
    }

    /**
     * The SMTP server refused the message or could not be reached.
     *
     * @param code        SMTP reply code ("421", "550", ...), null when there was no answer
     * @param message     the server's reply or the connection error
     * @param isTransient true for 4xx replies and connection failures; false for 5xx
     */
    record Failed(String code, String message, boolean isTransient) implements EmailResult {
    }

    /** No SMTP server or sender is configured; nothing was sent. */
    record NotConfigured() implements EmailResult {
    }
}
