package dev.ordertracking.notification;

/**
 * What a customer allows, as stored: channel preferences (both on until changed) and whether their
 * phone number replied STOP.
 */
public record Consent(boolean smsEnabled, boolean emailEnabled, boolean phoneOptedOut) {

    public static final Consent DEFAULT = new Consent(true, true, false);

    /** Why nothing may go to this channel, or null when it may. */
    public String refusal(Channel channel, String recipient) {
        if (channel == Channel.SMS) {
            if (recipient == null) {
                return "no phone number on the order";
            }
            if (phoneOptedOut) {
                return "the number opted out of SMS (STOP)";
            }
            return smsEnabled ? null : "the customer turned SMS off";
        }
        if (recipient == null) {
            return "no e-mail address on the order";
        }
        return emailEnabled ? null : "the customer turned e-mail off";
    }
}
