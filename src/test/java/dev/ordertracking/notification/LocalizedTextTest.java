package dev.ordertracking.notification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import static dev.ordertracking.notification.LocalizedText.EN;
import static dev.ordertracking.notification.LocalizedText.FA;
import static dev.ordertracking.notification.LocalizedText.PT_BR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalizedTextTest {

    @ParameterizedTest
    @CsvSource({
            // Gregorian,   Solar Hijri (day month year)
            "2026-11-26, ۵ آذر ۱۴۰۵",
            "2026-11-22, ۱ آذر ۱۴۰۵",
            // Nowruz boundaries; 1403 is a leap year, so its Esfand has a 30th day
            "2024-03-19, ۲۹ اسفند ۱۴۰۲",
            "2024-03-20, ۱ فروردین ۱۴۰۳",
            "2025-03-20, ۳۰ اسفند ۱۴۰۳",
            "2025-03-21, ۱ فروردین ۱۴۰۴",
            // 1404 is a common year: Esfand ends on the 29th
            "2026-03-20, ۲۹ اسفند ۱۴۰۴",
            "2026-03-21, ۱ فروردین ۱۴۰۵",
            "2027-03-21, ۱ فروردین ۱۴۰۶",
            // first day of Mehr (autumn, 30-day months start) and the Gregorian new year
            "2026-09-23, ۱ مهر ۱۴۰۵",
            "2027-01-01, ۱۱ دی ۱۴۰۵",
    })
    void persianDatesAreSolarHijriWithPersianDigits(LocalDate date, String expected) {
        assertEquals(expected, LocalizedText.date(date, FA));
    }

    @Test
    void persianDatesHaveNoLatinDigits() {
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
            String text = LocalizedText.date(d, FA);
            assertFalse(text.chars().anyMatch(c -> c >= '0' && c <= '9'), text);
            assertTrue(text.chars().anyMatch(c -> c >= '۰' && c <= '۹'), text);
        }
    }

    @Test
    void englishAndBrazilianDates() {
        LocalDate date = LocalDate.of(2026, 11, 26);
        assertEquals("Nov 26, 2026", LocalizedText.date(date, EN));
        assertEquals("26 de nov. de 2026", LocalizedText.date(date, PT_BR));
        assertEquals("3 de mar. de 2027", LocalizedText.date(LocalDate.of(2027, 3, 3), PT_BR));
    }

    @Test
    void dateTimesAreInTheCustomersZone() {
        Instant instant = Instant.parse("2026-11-27T01:30:00Z");
        assertEquals("Nov 26, 2026, 10:30 PM", LocalizedText.dateTime(instant, ZoneId.of("America/Sao_Paulo"), EN));
        assertEquals("26 de nov. de 2026, 22:30", LocalizedText.dateTime(instant, ZoneId.of("America/Sao_Paulo"), PT_BR));
        assertEquals("Nov 27, 2026, 1:30 AM", LocalizedText.dateTime(instant, ZoneId.of("UTC"), EN));
        // Tehran is UTC+03:30 (no daylight saving since 2022): 05:00 on 6 Azar
        assertEquals("۶ آذر ۱۴۰۵، ۵:۰۰", LocalizedText.dateTime(instant, ZoneId.of("Asia/Tehran"), FA));
    }

    @Test
    void dateTimesStayGsm7InEnglishAndPortuguese() {
        Instant instant = Instant.parse("2026-11-26T14:05:00Z");
        for (Locale locale : new Locale[] {EN, PT_BR}) {
            String text = LocalizedText.dateTime(instant, ZoneId.of("UTC"), locale);
            assertEquals(SmsSegments.Encoding.GSM_7, SmsSegments.encoding(text), text);
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "fa,         en, fa",
            "fa-IR,      en, fa",
            "FA-ir,      en, fa",
            "fa-AF,      en, fa",
            "pt,         en, pt-BR",
            "pt-BR,      en, pt-BR",
            "pt-PT,      en, pt-BR",
            "pt_BR,      en, pt-BR",
            "en,         fa, en",
            "en-GB,      fa, en",
            "en-US,      pt-BR, en",
            "de-DE,      en, en",
            "de-DE,      fa, fa",
            "es,         pt-BR, pt-BR",
            "null,       fa-IR, fa",
            "'',         pt, pt-BR",
            "not a tag!, en, en",
            "de,         de, en",
            "null,       null, en",
    })
    void resolvesToASupportedLocaleOrTheDefault(String customer, String defaultLocale, String expected) {
        assertEquals(Locale.forLanguageTag(expected), LocalizedText.resolve(customer, defaultLocale));
    }

    @Test
    void onlyPersianIsRightToLeft() {
        assertTrue(LocalizedText.rightToLeft(FA));
        assertFalse(LocalizedText.rightToLeft(EN));
        assertFalse(LocalizedText.rightToLeft(PT_BR));
    }
}
