package dev.ordertracking.notification.email;

/**
 * One e-mail to send.
 *
 * @param to             recipient address
 * @param subject        subject line
 * @param html           HTML part
 * @param text           plain-text part
 * @param messageId      the Message-ID header to use, stable per message (e.g. {@code <uuid@host>}),
 *                       so a resend after a crash is recognisable as the same message
 * @param unsubscribeUrl one-click unsubscribe URL (RFC 8058) for {@code List-Unsubscribe}; null for none
 */
public record EmailRequest(String to, String subject, String html, String text, String messageId,
                           String unsubscribeUrl) {
}
