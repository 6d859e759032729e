package dev.ordertracking.notification;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the health check is given to show about a failing provider. */
class ProviderTroubleTest {

    @Test
    void theLastErrorIsKeptMaskedLikeTheLogs() {
        ProviderTrouble trouble = new ProviderTrouble();
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        trouble.failed(Channel.EMAIL, "451", "4.2.0 <ana.ahmadi@customer.example>: mailbox busy", at);
        trouble.failed(Channel.SMS, "20500", "cannot reach +15559790878 now", at);
        assertEquals("451: 4.2.0 <a***@customer.example>: mailbox busy",
                trouble.failing(Channel.EMAIL).orElseThrow().lastError());
        assertEquals("20500: cannot reach +*********78 now", trouble.failing(Channel.SMS).orElseThrow().lastError());
    }
}
