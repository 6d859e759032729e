package dev.ordertracking.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The hours in which no SMS reaches a customer, in their own time zone. The window may span
 * midnight (21:00-08:00) or not (13:00-15:00); start equal to end means no quiet hours.
 */
public record QuietHours(boolean enabled, LocalTime start, LocalTime end) {

    public static QuietHours of(NotificationSettings.QuietHours settings) {
        return new QuietHours(settings.enabled(), settings.start(), settings.end());
    }

    /** When the quiet hours around {@code now} end, or empty when {@code now} is a decent hour. */
    public Optional<Instant> deferUntil(Instant now, ZoneId zone) {
        if (!enabled || start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        boolean spansMidnight = start.isAfter(end);
        if (spansMidnight) {
            if (!time.isBefore(start)) {
                return Optional.of(at(day.plusDays(1), end, zone));
            }
            if (time.isBefore(end)) {
                return Optional.of(at(day, end, zone));
            }
            return Optional.empty();
        }
        if (!time.isBefore(start) && time.isBefore(end)) {
            return Optional.of(at(day, end, zone));
        }
        return Optional.empty();
    }

    /** The local time on that day; a time skipped by a clock change moves forward with it. */
    private static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}
