package dev.ordertracking.notification;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuietHoursTest {

    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran"); // UTC+03:30, no DST
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private final QuietHours night = new QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0));

    @Test
    void lateEveningWaitsForTomorrowMorningInTheCustomersZone() {
        // 19:00Z is 22:30 in Tehran: wait until 08:00 Tehran the next day = 04:30Z.
        assertEquals(Optional.of(Instant.parse("2026-11-24T04:30:00Z")),
                night.deferUntil(Instant.parse("2026-11-23T19:00:00Z"), TEHRAN));
    }

    @Test
    void earlyMorningWaitsUntilTheSameMorning() {
        // 01:00Z is 04:30 in Tehran.
        assertEquals(Optional.of(Instant.parse("2026-11-23T04:30:00Z")),
                night.deferUntil(Instant.parse("2026-11-23T01:00:00Z"), TEHRAN));
    }

    @Test
    void daytimeGoesAtOnceAndTheBoundariesAreExact() {
        assertEquals(Optional.empty(), night.deferUntil(Instant.parse("2026-11-23T10:00:00Z"), TEHRAN));
        assertEquals(Optional.empty(), night.deferUntil(Instant.parse("2026-11-23T04:30:00Z"), TEHRAN), "08:00 is day");
        assertEquals(Optional.of(Instant.parse("2026-11-24T04:30:00Z")),
                night.deferUntil(Instant.parse("2026-11-23T17:30:00Z"), TEHRAN), "21:00 is night");
    }

    @Test
    void sameInstantDiffersByZone() {
        Instant instant = Instant.parse("2026-11-23T19:00:00Z"); // 22:30 Tehran, 16:00 Sao Paulo
        assertEquals(Optional.empty(), night.deferUntil(instant, SAO_PAULO));
    }

    @Test
    void windowWithinOneDayAndSwitchedOff() {
        QuietHours siesta = new QuietHours(true, LocalTime.of(13, 0), LocalTime.of(15, 0));
        assertEquals(Optional.of(Instant.parse("2026-11-23T18:00:00Z")),
                siesta.deferUntil(Instant.parse("2026-11-23T16:00:00Z"), SAO_PAULO)); // 13:00 local (UTC-3): until 15:00 local
        assertEquals(Optional.empty(), new QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0))
                .deferUntil(Instant.parse("2026-11-23T19:00:00Z"), TEHRAN));
    }
}
