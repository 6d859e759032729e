package dev.ordertracking.notification;

/** An SMS body ready to send, with how it is encoded and how many segments it is billed as. */
public record RenderedSms(String text, SmsSegments.Encoding encoding, int segments) {

    public static RenderedSms of(String text) {
        return new RenderedSms(text, SmsSegments.encoding(text), SmsSegments.segments(text));
    }
}
