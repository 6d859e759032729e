package dev.ordertracking.notification.sms;

import java.util.Objects;

/**
 * One SMS to send.
 *
 * @param to             destination in E.164
 * @param body           message text
 * @param idempotencyKey stable key of this message across retries (may be null)
 */
public record SmsRequest(String to, String body, String idempotencyKey) {

    public SmsRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
    }
}
