package dev.ordertracking.notification;

/** A message's text as it goes out; subject, HTML and unsubscribe link are null for SMS. */
record RenderedMessage(String subject, String text, String html, String unsubscribeUrl) {
}
