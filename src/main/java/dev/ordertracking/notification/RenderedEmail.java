package dev.ordertracking.notification;

/** An e-mail ready to send: subject, HTML part and plain-text part. */
public record RenderedEmail(String subject, String html, String text) {
}
