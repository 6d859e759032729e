package dev.ordertracking.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContactMaskingTest {

    @Test
    void addressesKeepTheirFirstCharacterAndDomain() {
        assertEquals("to a***@customer.example (EMAIL)", ContactMasking.mask("to ana.ahmadi+orders@customer.example (EMAIL)"));
        assertEquals("<j***@mail.example.co.uk>", ContactMasking.mask("<j.doe@mail.example.co.uk>"));
    }

    @Test
    void numbersKeepTheirLastTwoDigits() {
        assertEquals("SMS to +*********78: Your order", ContactMasking.mask("SMS to +15559790878: Your order"));
        assertEquals("call +***********21 now", ContactMasking.mask("call +55 11 98765-4321 now"));
        assertEquals("[+*********78, +**********90]", ContactMasking.mask("[+15559790878, +989121234590]"));
    }

    @Test
    void everythingElseStaysAsItWas() {
        for (String text : new String[] {
                "order CONS-0B1A2037 at 2026-11-23T10:00:00+01:00", "offset 1234567890123", "PT24H",
                "id 66e75cbc-b4b7-449b-8f5e-d6634fe2d64a", "+1 more", "a + 1234567", "SORRY-JUDD-TKWX-D7E2",
                "version 1.2.3@sha", "price +12.50"}) {
            assertEquals(text, ContactMasking.mask(text), text);
        }
        assertEquals(null, ContactMasking.mask(null));
    }
}
