package dev.ordertracking.notification.email;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnsubscribeLinksTest {

    private final UnsubscribeLinks links = new UnsubscribeLinks("k1".getBytes(StandardCharsets.UTF_8),
            "https://track.shop.example/");

    @Test
    void aLinkNamesItsCustomerAndNobodyElse() {
        String url = links.urlFor("C-42");
        assertTrue(url.startsWith("https://track.shop.example/unsubscribe/"), url);
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertEquals(Optional.of("C-42"), links.customerOf(token));
    }

    @Test
    void tamperedForeignAndMalformedTokensNameNobody() {
        String token = links.tokenFor("C-42");
        String otherCustomer = links.tokenFor("C-43").split("\\.")[0] + "." + token.split("\\.")[1];
        assertEquals(Optional.empty(), links.customerOf(otherCustomer));
        assertEquals(Optional.empty(), new UnsubscribeLinks("k2".getBytes(StandardCharsets.UTF_8), "x").customerOf(token));
        for (String bad : new String[]{"", ".", "abc", "a.b.c", "!!!.???", token + "x", null}) {
            assertEquals(Optional.empty(), links.customerOf(bad), String.valueOf(bad));
        }
    }
}
