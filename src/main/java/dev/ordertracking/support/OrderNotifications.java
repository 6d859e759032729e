package dev.ordertracking.support;

/** How support sees a customer message in a list: the start of its text. */
final class OrderNotifications {

    /** Long enough to recognise a message, short enough for a list of them. */
    static final int PREVIEW_LENGTH = 160;

    private OrderNotifications() {
    }

    /**
     * The start of what the customer reads: the SMS text, or the e-mail's subject then its text;
     * null until rendered (the dispatcher stores subject and text together). Cut at a code point
     * boundary so an emoji is never split in half.
     */
    static String preview(String channel, String subject, String body) {
        if (body == null) {
            return null;
        }
        String text = "EMAIL".equals(channel) && subject != null ? subject + " | " + body : body;
        if (text.codePointCount(0, text.length()) <= PREVIEW_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, PREVIEW_LENGTH));
    }
}
