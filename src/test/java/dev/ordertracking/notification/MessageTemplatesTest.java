package dev.ordertracking.notification;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.ordertracking.notification.LocalizedText.EN;
import static dev.ordertracking.notification.LocalizedText.FA;
import static dev.ordertracking.notification.LocalizedText.PT_BR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders every milestone, channel and locale with the longest inputs we expect. */
@QuarkusTest
class MessageTemplatesTest {

    /** First names of 20 characters: GSM-7 only, and ones that make an SMS UCS-2. */
    static final List<String> NAMES = List.of("Alexandria-Josephine", "Maria Conceição Lima", "سیدمحمدحسین امیرعباس");
    static final String ORDER_ID = "e481f51cbdc54678b7cc49136f2d6af7";       // an Olist order id
    static final String TRACKING_NUMBER = "1Z999AA10123456784XY";
    static final String TRACKING_URL = "https://track.example-shop.com.br/t/" + "Qm9vNzZ4c2Y3dGhhMWJ3eHo0";
    static final String CARRIER = "Total Express";
    static final Map<Locale, ZoneId> ZONES = Map.of(EN, ZoneId.of("America/New_York"),
            PT_BR, ZoneId.of("America/Sao_Paulo"), FA, ZoneId.of("Asia/Tehran"));
    static final Map<Locale, String> PICKUP = Map.of(
            EN, "Correios agency Centro, Rua XV de Novembro 1200",
            PT_BR, "Agência Correios Centro, Rua XV de Novembro 1200",
            FA, "باجهٔ پست مرکزی، خیابان انقلاب، پلاک ۱۲۰۰");
    // Ordibehesht has the longest month name of the Solar Hijri calendar
    static final LocalDate PROMISED = LocalDate.of(2027, 5, 15);
    static final LocalDate ESTIMATED = LocalDate.of(2027, 5, 14);
    static final Instant DELIVERED = Instant.parse("2027-05-14T18:45:00Z");

    @Inject
    MessageRenderer renderer;

    static final String COUPON_CODE = "SORRY-7KQ3-MZ2P-X9RT";

    /** The longest apology: the wordiest reason, a date in Ordibehesht, a large amount coupon. */
    static MessageModel.Amends worstAmends(Locale locale, boolean update, boolean coupon) {
        String longest = java.util.Arrays.stream(dev.ordertracking.journey.IncidentReason.values())
                .map(r -> IncidentWording.whatHappened(r, locale))
                .max(java.util.Comparator.comparingInt(SmsSegments::length)).orElseThrow();
        return new MessageModel.Amends(longest, LocalizedText.date(PROMISED.plusDays(3), locale), update,
                coupon ? COUPON_CODE : null,
                coupon ? IncidentWording.couponValue("AMOUNT", new java.math.BigDecimal("1250.00"), "BRL", locale) : null,
                coupon ? LocalizedText.date(PROMISED.plusDays(5), locale) : null);
    }

    static MessageModel worstCase(String firstName, Locale locale) {
        return withAmends(firstName, locale, worstAmends(locale, false, true));
    }

    static MessageModel withAmends(String firstName, Locale locale, MessageModel.Amends amends) {
        return new MessageModel(firstName, ORDER_ID,
                LocalizedText.FA.equals(locale) ? "چراغ مطالعهٔ رومیزی و ۲ کالای دیگر" : "Desk lamp and 2 more items",
                LocalizedText.date(PROMISED, locale), LocalizedText.date(ESTIMATED, locale),
                LocalizedText.dateTime(DELIVERED, ZONES.get(locale), locale),
                CARRIER, TRACKING_NUMBER, TRACKING_URL, PICKUP.get(locale),
                "https://www.example-shop.com.br/notifications/unsubscribe?token=Qm9vNzZ4c2Y3dGhh", amends);
    }

    @Test
    void worstCaseInputsHaveTheLengthsWeMeanThemToHave() {
        NAMES.forEach(name -> assertEquals(20, name.length(), name));
        assertEquals(32, ORDER_ID.length());
        assertEquals(20, TRACKING_NUMBER.length());
        assertEquals(60, TRACKING_URL.length());
    }

    @Test
    void everySmsFitsTwoSegments() {
        for (Locale locale : LocalizedText.SUPPORTED) {
            for (String name : NAMES) {
                MessageModel model = worstCase(name, locale);
                for (Milestone milestone : Milestone.values()) {
                    RenderedSms sms = renderer.sms(milestone, locale, model);
                    String where = milestone + " " + locale + ": " + sms;
                    assertTrue(sms.segments() <= MessageRenderer.MAX_SMS_SEGMENTS, where);
                    assertEquals(SmsSegments.segments(sms.text()), sms.segments(), where);
                    assertTrue(sms.text().contains(name), where);
                    assertRendered(sms.text(), where);
                    assertFalse(sms.text().contains("\n"), where);
                    if (milestone == Milestone.SHIPPED || milestone == Milestone.OUT_FOR_DELIVERY
                            || milestone == Milestone.AVAILABLE_FOR_PICKUP || milestone == Milestone.ATTEMPT_FAILED) {
                        assertTrue(sms.text().endsWith(TRACKING_URL), where);
                    }
                    if (milestone == Milestone.ORDER_CONFIRMED || milestone == Milestone.DELIVERED
                            || milestone == Milestone.CANCELLED) {
                        // short enough to keep the order id even in UCS-2
                        assertTrue(sms.text().contains(ORDER_ID), where);
                    }
                    if (milestone == Milestone.ORDER_CONFIRMED) {
                        assertTrue(sms.text().contains(model.promisedDate()), where);
                    }
                    if (milestone == Milestone.DELIVERED) {
                        assertTrue(sms.text().contains(model.deliveredAt()), where);
                    }
                    if (milestone.aboutIncident()) {
                        assertTrue(sms.text().contains(COUPON_CODE), where + " keeps the coupon code");
                    }
                    if (milestone == Milestone.DELAY_NOTICE) {
                        assertTrue(sms.text().contains(model.amends().newDate()), where + " keeps the new date");
                    }
                }
            }
        }
    }

    @Test
    void gsmShippedSmsSaysEverything() {
        for (Locale locale : List.of(EN, PT_BR)) {
            RenderedSms sms = renderer.sms(Milestone.SHIPPED, locale, worstCase(NAMES.get(0), locale));
            assertEquals(SmsSegments.Encoding.GSM_7, sms.encoding(), sms.text());
            for (String part : List.of(ORDER_ID, CARRIER, TRACKING_NUMBER, TRACKING_URL)) {
                assertTrue(sms.text().contains(part), sms.text());
            }
        }
    }

    @Test
    void everyEmailRendersCompletely() {
        for (Locale locale : LocalizedText.SUPPORTED) {
            for (String name : NAMES) {
                MessageModel model = worstCase(name, locale);
                for (Milestone milestone : Milestone.values()) {
                    RenderedEmail email = renderer.email(milestone, locale, model);
                    String where = milestone + " " + locale;
                    assertFalse(email.subject().isBlank(), where);
                    assertFalse(email.subject().contains("\n"), where);
                    assertRendered(email.subject(), where);
                    assertRendered(email.html(), where);
                    assertRendered(email.text(), where);
                    assertTrue(email.html().contains("<html lang=\"" + locale.toLanguageTag() + "\" dir=\""
                            + (LocalizedText.rightToLeft(locale) ? "rtl" : "ltr") + "\">"), where);
                    assertTrue(email.html().contains("<title>" + email.subject() + "</title>"), where);
                    assertTrue(email.html().contains(name) && email.text().contains(name), where);
                    assertTrue(email.html().contains(ORDER_ID) && email.text().contains(ORDER_ID), where);
                    assertFalse(email.html().matches("(?s).*(src=|<link|url\\().*"), where + ": external resource");
                    String date = switch (milestone) {
                        case ORDER_CONFIRMED -> model.promisedDate();
                        case SHIPPED -> model.estimatedDate();
                        case DELIVERED -> model.deliveredAt();
                        case DELAY_NOTICE -> model.amends().newDate();
                        default -> null;
                    };
                    if (milestone.aboutIncident()) {
                        for (String part : List.of(COUPON_CODE, model.amends().couponValue(),
                                model.amends().couponExpires())) {
                            assertTrue(email.html().contains(part) && email.text().contains(part), where + ": " + part);
                        }
                        if (milestone != Milestone.LATE_DELIVERY) { // its opening line says what happened
                            String what = model.amends().whatHappened();
                            assertTrue(email.html().contains(what) && email.text().contains(what), where);
                        }
                    }
                    if (date != null) {
                        assertTrue(email.html().contains(date), where + " shows " + date);
                        assertTrue(email.text().contains(date), where + " shows " + date);
                        if (locale.equals(FA)) {
                            assertTrue(date.chars().anyMatch(c -> c >= '۰' && c <= '۹'), date);
                            assertFalse(date.chars().anyMatch(c -> c >= '0' && c <= '9'), date);
                        }
                    }
                }
            }
        }
    }

    @Test
    void apologiesWithoutACouponAndUpdatesRender() {
        for (Locale locale : LocalizedText.SUPPORTED) {
            for (boolean update : List.of(false, true)) {
                MessageModel model = withAmends(NAMES.get(0), locale, worstAmends(locale, update, false));
                for (Milestone milestone : List.of(Milestone.DELAY_NOTICE, Milestone.LATE_DELIVERY,
                        Milestone.PARCEL_PROBLEM)) {
                    String where = milestone + " " + locale + " update=" + update;
                    RenderedSms sms = renderer.sms(milestone, locale, model);
                    RenderedEmail email = renderer.email(milestone, locale, model);
                    for (String out : List.of(sms.text(), email.subject(), email.html(), email.text())) {
                        assertRendered(out, where);
                        assertFalse(out.contains("SORRY-"), where + ": " + out);
                        assertFalse(out.contains("null"), where + ": " + out);
                    }
                    assertTrue(sms.segments() <= MessageRenderer.MAX_SMS_SEGMENTS, where);
                    if (milestone == Milestone.DELAY_NOTICE) {
                        assertTrue(sms.text().contains(model.amends().newDate()), where);
                    }
                }
                String notice = renderer.email(Milestone.DELAY_NOTICE, locale, model).subject();
                String first = renderer.email(Milestone.DELAY_NOTICE, locale, withAmends(NAMES.get(0), locale,
                        worstAmends(locale, !update, false))).subject();
                assertFalse(notice.equals(first), "an update has its own subject: " + notice);
            }
        }
    }

    @Test
    void aDateOfOurOwnForecastIsSaidToBeOurExpectation() {
        Map<Locale, String> expect = Map.of(EN, "expect", PT_BR, "esperamos", FA, "انتظار داریم");
        for (Locale locale : LocalizedText.SUPPORTED) {
            MessageModel.Amends worst = worstAmends(locale, false, true);
            MessageModel.Amends ours = new MessageModel.Amends(IncidentWording.whatHappened(
                    dev.ordertracking.journey.IncidentReason.FORECAST_PAST_PROMISE, locale), worst.newDate(), false,
                    worst.couponCode(), worst.couponValue(), worst.couponExpires(), true);
            for (String name : NAMES) {
                for (MessageModel.Amends amends : List.of(ours, new MessageModel.Amends(worst.whatHappened(),
                        worst.newDate(), false, worst.couponCode(), worst.couponValue(), worst.couponExpires(), true))) {
                    MessageModel model = withAmends(name, locale, amends);
                    RenderedSms sms = renderer.sms(Milestone.DELAY_NOTICE, locale, model);
                    String where = locale + " " + name + ": " + sms;
                    assertTrue(sms.segments() <= MessageRenderer.MAX_SMS_SEGMENTS, where);
                    assertRendered(sms.text(), where);
                    assertTrue(sms.text().contains(amends.newDate()) && sms.text().contains(COUPON_CODE), where);
                    RenderedEmail email = renderer.email(Milestone.DELAY_NOTICE, locale, model);
                    for (String out : List.of(email.subject(), email.text(), email.html())) {
                        assertRendered(out, where);
                        assertTrue(out.contains(expect.get(locale)), locale + ": " + out);
                    }
                    assertTrue(email.text().contains(amends.newDate()) && email.html().contains(amends.newDate()));
                }
            }
            System.out.println(renderer.sms(Milestone.DELAY_NOTICE, locale, withAmends("Ana", locale, ours)).text());
        }
    }

    @Test
    void printApologySamples() {
        List<String> lines = new ArrayList<>();
        for (Locale locale : LocalizedText.SUPPORTED) {
            for (Milestone milestone : List.of(Milestone.DELAY_NOTICE, Milestone.LATE_DELIVERY, Milestone.PARCEL_PROBLEM)) {
                RenderedSms sms = renderer.sms(milestone, locale, withAmends("Ana", locale,
                        new MessageModel.Amends(IncidentWording.whatHappened(dev.ordertracking.journey.IncidentReason.WEATHER,
                                locale), LocalizedText.date(PROMISED.plusDays(3), locale), false, COUPON_CODE,
                                IncidentWording.couponValue("PERCENT", java.math.BigDecimal.TEN, null, locale),
                                LocalizedText.date(PROMISED.plusDays(30), locale))));
                lines.add(milestone + " " + locale.toLanguageTag() + " " + sms.encoding() + " " + sms.segments()
                        + " segments: " + sms.text());
            }
        }
        System.out.println(String.join("\n", lines));
    }

    @Test
    void persianEmailIsRightToLeftWithPersianDates() {
        MessageModel model = worstCase(NAMES.get(2), FA);
        RenderedEmail email = renderer.email(Milestone.ORDER_CONFIRMED, FA, model);
        assertTrue(email.html().contains("dir=\"rtl\""));
        assertEquals("۲۵ اردیبهشت ۱۴۰۶", model.promisedDate());
        assertTrue(email.html().contains("۲۵ اردیبهشت ۱۴۰۶"));
    }

    @Test
    void htmlEscapesInputsAndTextDoesNot() {
        MessageModel model = new MessageModel("Ana <b>&", ORDER_ID, null, null, null, null, null, null,
                TRACKING_URL, null, null);
        RenderedEmail email = renderer.email(Milestone.CANCELLED, EN, model);
        assertTrue(email.html().contains("Ana &lt;b&gt;&amp;"), email.html());
        assertFalse(email.html().contains("<b>&"));
        assertTrue(email.text().contains("Ana <b>&"));
    }

    @Test
    void missingFieldsAreLeftOut() {
        MessageModel model = new MessageModel("Ana", ORDER_ID, null, null, null, null, null, null, null, null, null);
        for (Locale locale : LocalizedText.SUPPORTED) {
            for (Milestone milestone : Milestone.values()) {
                String where = milestone + " " + locale;
                RenderedEmail email = renderer.email(milestone, locale, model);
                RenderedSms sms = renderer.sms(milestone, locale, model);
                for (String out : List.of(sms.text(), email.subject(), email.html(), email.text())) {
                    assertRendered(out, where);
                    assertFalse(out.contains("null"), where + ": " + out);
                }
                assertFalse(email.html().contains("href=\"\""), where);
            }
        }
    }

    @Test
    void otherLocalesFallBackToTheDefault() {
        MessageModel model = worstCase("Anna", EN);
        assertEquals(renderer.sms(Milestone.DELIVERED, EN, model), renderer.sms(Milestone.DELIVERED, Locale.GERMANY, model));
        assertEquals(renderer.sms(Milestone.DELIVERED, PT_BR, model),
                renderer.sms(Milestone.DELIVERED, Locale.forLanguageTag("pt-PT"), model));
    }

    @Test
    void printShippedSamples() {
        List<String> lines = new ArrayList<>();
        for (Locale locale : LocalizedText.SUPPORTED) {
            for (String name : NAMES) {
                RenderedSms sms = renderer.sms(Milestone.SHIPPED, locale, worstCase(name, locale));
                lines.add(locale.toLanguageTag() + " " + sms.encoding() + " " + SmsSegments.length(sms.text())
                        + " units, " + sms.segments() + " segments: " + sms.text());
            }
        }
        System.out.println(String.join("\n", lines));
    }

    private static void assertRendered(String out, String where) {
        assertFalse(out.contains("{") || out.contains("}"), where + ": unrendered expression in " + out);
        assertFalse(out.contains("NOT_FOUND"), where + ": " + out);
    }
}
