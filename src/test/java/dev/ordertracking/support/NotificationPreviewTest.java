package dev.ordertracking.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The start of a message support sees in the order view. */
class NotificationPreviewTest {

    @Test
    void smsShowsItsTextAndEmailItsSubjectFirst() {
        assertEquals("Parcel shipped", OrderNotifications.preview("SMS", null, "Parcel shipped"));
        assertEquals("Shipped | Your parcel is on its way",
                OrderNotifications.preview("EMAIL", "Shipped", "Your parcel is on its way"));
    }

    @Test
    void nothingUntilRendered() {
        assertNull(OrderNotifications.preview("SMS", null, null));
        assertNull(OrderNotifications.preview("EMAIL", null, null));
    }

    @Test
    void longTextsAreCutAt160WithoutSplittingAnEmoji() {
        assertEquals("x".repeat(160), OrderNotifications.preview("SMS", null, "x".repeat(400)));
        String text = "y".repeat(159) + "\uD83D\uDCE6" + "z".repeat(10);
        assertEquals("y".repeat(159) + "\uD83D\uDCE6", OrderNotifications.preview("SMS", null, text));
        String persian = "سفارش شما ارسال شد ".repeat(20);
        assertEquals(persian.substring(0, 160), OrderNotifications.preview("SMS", null, persian));
    }
}
