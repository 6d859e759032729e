package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.notification.email.UnsubscribeLinks;
import dev.ordertracking.platform.TrackingSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZoneId;
import java.util.Locale;

/** Writes a claimed message's text in the customer's language and time zone, from the order as it is now. */
@ApplicationScoped
public class MessageTexts {

    private static final Logger LOG = Logger.getLogger(MessageTexts.class);

    private final MessageRenderer renderer;
    private final UnsubscribeLinks unsubscribeLinks;
    private final TrackingSettings config;
    private final NotificationSettings settings;

    public MessageTexts(MessageRenderer renderer, UnsubscribeLinks unsubscribeLinks, TrackingSettings config,
                        NotificationSettings settings) {
        this.renderer = renderer;
        this.unsubscribeLinks = unsubscribeLinks;
        this.config = config;
        this.settings = settings;
    }

    RenderedMessage render(ClaimedNotification n, Journey journey, BatchFacts batch) {
        ZoneId zone = ZoneId.of(n.timeZone());
        Locale locale = LocalizedText.resolve(n.locale(), config.defaults().locale());
        String token = batch.trackingToken(n.orderId());
        IncidentNoteService.Note note = batch.incident(n);
        MessageModel.Amends amends = note == null ? null
                : MessageModels.amends(note, n.milestone(), n.incidentRevision() == null ? 1 : n.incidentRevision(),
                locale, zone);
        IncidentNoteService.Note thankYou = batch.thankYou(n.orderId());
        if (amends == null && n.milestone() == Milestone.FEEDBACK_REQUEST && thankYou != null) {
            amends = MessageModels.thankYou(thankYou, locale, zone);
        }
        String trackingUrl = token == null ? null : config.publicBaseUrl().replaceAll("/+$", "") + "/t/" + token;
        if (n.channel() == Channel.SMS) {
            // A retry sends exactly the text of the first attempt, so Twilio's copy can be recognised.
            String text = n.body() != null ? n.body()
                    : renderer.sms(n.milestone(), locale, MessageModels.of(journey, n.milestone(), n.shipmentId(),
                    locale, zone, trackingUrl, null, amends)).text();
            return new RenderedMessage(null, text, null, null);
        }
        String unsubscribe = unsubscribeLinks.urlFor(n.customerId());
        RenderedEmail mail = renderer.email(n.milestone(), locale, MessageModels.of(journey, n.milestone(),
                n.shipmentId(), locale, zone, trackingUrl, unsubscribe, amends));
        return new RenderedMessage(mail.subject(), mail.text(), mail.html(), unsubscribe);
    }

    /** Logs the text when the settings ask for it (the local run does). */
    void logBody(ClaimedNotification n, RenderedMessage rendered, String what) {
        if (settings.logBodies()) {
            LOG.infof("%s %s %s to %s (%s): %s%s", n.channel(), n.milestone(), n.orderId(), n.recipient(), what,
                    rendered.subject() == null ? "" : rendered.subject() + " | ", rendered.text());
        }
    }
}
