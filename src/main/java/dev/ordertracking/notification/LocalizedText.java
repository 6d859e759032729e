package dev.ordertracking.notification;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.DateIntervalFormat;
import com.ibm.icu.util.DateInterval;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The languages customers are written to in, and dates as each of them writes dates.
 *
 * <p>Dates are formatted with ICU4J in the medium style of each locale: {@code en} "Nov 26, 2026",
 * {@code pt-BR} "26 de nov. de 2026", {@code fa} in the Solar Hijri calendar with Persian digits,
 * "۵ آذر ۱۴۰۵". No-break spaces that CLDR puts in some patterns are written as plain spaces, so a
 * date never turns a GSM-7 SMS into UCS-2.
 */
public final class LocalizedText {

    public static final Locale EN = Locale.ENGLISH;
    public static final Locale FA = Locale.forLanguageTag("fa");
    public static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    /** Every locale messages are written in; template names end in their BCP 47 tag. */
    public static final List<Locale> SUPPORTED = List.of(EN, FA, PT_BR);

    private static final ULocale ICU_EN = new ULocale("en_US");
    private static final ULocale ICU_FA = new ULocale("fa_IR@calendar=persian");
    private static final ULocale ICU_PT_BR = new ULocale("pt_BR");

    private LocalizedText() {
    }

    /**
     * The supported locale for a customer's BCP 47 tag ({@code fa-IR} → fa, {@code pt} or
     * {@code pt-PT} → pt-BR, {@code en-GB} → en); the default's for a missing or other tag, and
     * {@code en} when even the default is none of them.
     */
    public static Locale resolve(String customerLocale, String defaultLocale) {
        Locale customer = supported(customerLocale);
        if (customer != null) {
            return customer;
        }
        Locale fallback = supported(defaultLocale);
        return fallback != null ? fallback : EN;
    }

    private static Locale supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        return switch (language) {
            case "en" -> EN;
            case "fa" -> FA;
            case "pt" -> PT_BR;
            default -> null;
        };
    }

    /** A calendar day, as the customer writes it: "Nov 26, 2026", "26 de nov. de 2026", "۵ آذر ۱۴۰۵". */
    public static String date(LocalDate date, Locale locale) {
        DateFormat format = DateFormat.getDateInstance(calendar(locale, TimeZone.GMT_ZONE), DateFormat.MEDIUM,
                icu(locale));
        return clean(format.format(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant())));
    }

    /**
     * A range of days with their weekdays, as the customer writes it: "Tue, Nov 24 – Thu, Nov 26",
     * "ter., 24 de nov. – qui., 26 de nov.", in fa with Solar Hijri dates and Persian digits; one day
     * when both are the same. What a forecast says: "expected Tue 24 – Thu 26".
     */
    public static String dayRange(LocalDate from, LocalDate to, Locale locale) {
        DateIntervalFormat format = DateIntervalFormat.getInstance("MMMEd", icu(locale));
        format.setTimeZone(TimeZone.GMT_ZONE);
        long start = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = (to.isBefore(from) ? from : to).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return clean(format.format(new DateInterval(start, end)));
    }

    /** An instant, in the customer's time zone: "Nov 26, 2026, 2:05 PM", "۵ آذر ۱۴۰۵، ۱۴:۰۵". */
    public static String dateTime(Instant instant, ZoneId zone, Locale locale) {
        TimeZone timeZone = TimeZone.getTimeZone(zone.getId());
        DateFormat format = DateFormat.getDateTimeInstance(calendar(locale, timeZone), DateFormat.MEDIUM,
                DateFormat.SHORT, icu(locale));
        return clean(format.format(Date.from(instant)));
    }

    /**
     * What was ordered, in a few words: the first item's name, and how many other items there are
     * ("Desk lamp and 2 more items", "Luminária e mais 2 itens", "چراغ و ۲ قلم دیگر").
     */
    public static String itemSummary(List<String> names, Locale locale) {
        if (names.isEmpty()) {
            return null;
        }
        String first = names.get(0);
        int more = names.size() - 1;
        if (more == 0) {
            return first;
        }
        Locale resolved = resolve(locale.toLanguageTag(), "en");
        if (resolved.equals(FA)) {
            return first + " و " + number(more, locale) + " قلم دیگر";
        }
        if (resolved.equals(PT_BR)) {
            return first + " e mais " + more + (more == 1 ? " item" : " itens");
        }
        return first + " and " + more + (more == 1 ? " more item" : " more items");
    }

    /** A whole number in the locale's digits (Persian digits for fa). */
    public static String number(long n, Locale locale) {
        return com.ibm.icu.text.NumberFormat.getIntegerInstance(icu(locale)).format(n);
    }

    public static boolean rightToLeft(Locale locale) {
        return ULocale.forLocale(locale).isRightToLeft();
    }

    private static ULocale icu(Locale locale) {
        Locale resolved = resolve(locale.toLanguageTag(), "en");
        if (resolved.equals(FA)) {
            return ICU_FA;
        }
        return resolved.equals(PT_BR) ? ICU_PT_BR : ICU_EN;
    }

    /** The locale's own calendar (Solar Hijri for fa, through the {@code @calendar=persian} keyword). */
    private static Calendar calendar(Locale locale, TimeZone zone) {
        return Calendar.getInstance(zone, icu(locale));
    }

    private static String clean(String formatted) {
        return formatted.replace('\u202F', ' ').replace('\u00A0', ' ');
    }
}
