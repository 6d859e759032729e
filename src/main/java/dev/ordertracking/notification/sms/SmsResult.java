package dev.ordertracking.notification.sms;

/** What became of one {@link SmsSender#send(SmsRequest)}. */
public sealed interface SmsResult {

    /** Twilio accepted the message (it is queued; delivery is reported later by status callback). */
    record Accepted(String providerMessageId, String providerStatus) implements SmsResult {
    }

    /**
     * Twilio refused the message or could not be reached.
     *
     * @param providerCode    Twilio error code ({@code 21211}, ...), null when there was no Twilio answer
     * @param providerMessage Twilio's message, or the connection error
     * @param httpStatus      HTTP status of Twilio's answer, 0 when there was none
     * @param isTransient     true when the same request may succeed later (rate limit, outage,
     *                        network); false when retrying cannot help (bad number, opted out, ...)
     */
    record Failed(Integer providerCode, String providerMessage, int httpStatus, boolean isTransient)
            implements SmsResult {
    }

    /** Twilio credentials or sender are not configured; nothing was sent. */
    record NotConfigured() implements SmsResult {
    }
}
