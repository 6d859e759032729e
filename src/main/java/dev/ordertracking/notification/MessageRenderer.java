package dev.ordertracking.notification;

import dev.ordertracking.platform.TrackingSettings;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders customer messages from the Qute templates under {@code templates/}:
 * <ul>
 * <li>{@code sms/{MILESTONE}_{locale}.txt}: the SMS. Its main text is the fullest wording; it may
 * define shorter wordings as fragments {@code short}, {@code shorter}, {@code shortest}
 * ({@code rendered=false}). The first that fits {@value #MAX_SMS_SEGMENTS} segments is sent.</li>
 * <li>{@code email/{MILESTONE}_{locale}.txt}: the plain-text part, with the subject as fragment
 * {@code subject}; {@code email/{MILESTONE}_{locale}.html}: the HTML part, inside
 * {@code email/layout_{locale}.html}.</li>
 * </ul>
 * {@code locale} is the BCP 47 tag of one of {@link LocalizedText#SUPPORTED}; any other locale is
 * resolved to one first (default {@code tracking.defaults.locale}). Every template is checked at start.
 */
@ApplicationScoped
public class MessageRenderer {

    public static final int MAX_SMS_SEGMENTS = 2;

    /** Shorter wordings an SMS template may define, tried in this order after its main text. */
    static final List<String> SHORTER_SMS = List.of("short", "shorter", "shortest");

    private final Engine engine;
    private final String defaultLocale;

    MessageRenderer(Engine engine, TrackingSettings config) {
        this.engine = engine;
        this.defaultLocale = config.defaults().locale();
    }

    void checkTemplates(@Observes StartupEvent event) {
        List<String> missing = new ArrayList<>();
        for (Milestone milestone : Milestone.values()) {
            for (Locale locale : LocalizedText.SUPPORTED) {
                for (String id : List.of(smsId(milestone, locale), emailId(milestone, locale, "txt"),
                        emailId(milestone, locale, "html"))) {
                    if (engine.getTemplate(id) == null) {
                        missing.add(id);
                    }
                }
                Template text = engine.getTemplate(emailId(milestone, locale, "txt"));
                if (text != null && text.getFragment("subject") == null) {
                    missing.add(emailId(milestone, locale, "txt") + "#subject");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing message templates: " + missing);
        }
    }

    /**
     * The SMS for a milestone: the fullest wording within {@value #MAX_SMS_SEGMENTS} segments.
     *
     * @throws SmsTooLongException when even the shortest wording is longer (inputs far beyond the
     *                             usual lengths); nothing should be sent then rather than a long SMS
     */
    public RenderedSms sms(Milestone milestone, Locale locale, MessageModel model) {
        Template template = template(smsId(milestone, resolve(locale)));
        RenderedSms sms = RenderedSms.of(clean(template.data("m", model).render()));
        for (String fragment : SHORTER_SMS) {
            if (sms.segments() <= MAX_SMS_SEGMENTS) {
                return sms;
            }
            Template.Fragment shorter = template.getFragment(fragment);
            if (shorter != null) {
                sms = RenderedSms.of(clean(shorter.data("m", model).render()));
            }
        }
        if (sms.segments() > MAX_SMS_SEGMENTS) {
            throw new SmsTooLongException(milestone, locale, sms);
        }
        return sms;
    }

    public RenderedEmail email(Milestone milestone, Locale locale, MessageModel model) {
        Locale resolved = resolve(locale);
        Template text = template(emailId(milestone, resolved, "txt"));
        String subject = text.getFragment("subject").data("m", model).render().strip().replaceAll("\\s+", " ");
        String body = text.data("m", model).render().strip() + "\n";
        String html = template(emailId(milestone, resolved, "html"))
                .data("m", model)
                .data("subject", subject)
                .render();
        return new RenderedEmail(subject, html, body);
    }

    private Locale resolve(Locale locale) {
        return LocalizedText.resolve(locale == null ? null : locale.toLanguageTag(), defaultLocale);
    }

    private Template template(String id) {
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("No template " + id);
        }
        return template;
    }

    static String smsId(Milestone milestone, Locale locale) {
        return "sms/" + milestone + "_" + locale.toLanguageTag() + ".txt";
    }

    static String emailId(Milestone milestone, Locale locale, String suffix) {
        return "email/" + milestone + "_" + locale.toLanguageTag() + "." + suffix;
    }

    /** One paragraph: line breaks of the template source and runs of spaces become single spaces. */
    private static String clean(String rendered) {
        return rendered.strip().replaceAll("\\s+", " ");
    }

    public static class SmsTooLongException extends IllegalStateException {
        public SmsTooLongException(Milestone milestone, Locale locale, RenderedSms shortest) {
            super("SMS " + milestone + " " + locale.toLanguageTag() + " takes " + shortest.segments()
                    + " segments even in its shortest wording (" + shortest.text().length() + " characters)");
        }
    }
}
