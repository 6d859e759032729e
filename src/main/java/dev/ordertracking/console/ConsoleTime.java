package dev.ordertracking.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the console shows them: in support's zone, to the minute, with the zone named. */
@ApplicationScoped
@Named("consoleTime")
public class ConsoleTime {

    private final DateTimeFormatter format;

    public ConsoleTime(ConsoleSettings settings) {
        ZoneId zone = settings.timeZone();
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
    }

    public String of(Instant instant) {
        return instant == null ? "–" : format.format(instant);
    }

    /** 117.9999 -> "118.0 h". */
    public String hours(Double hours) {
        return hours == null ? "–" : String.format(Locale.ROOT, "%.1f h", hours);
    }

    /** 10.0000 -> "10". */
    public String amount(java.math.BigDecimal value) {
        return value == null ? "–" : value.stripTrailingZeros().toPlainString();
    }
}
