package dev.ordertracking.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.feedback.FeedbackDesk;
import dev.ordertracking.notification.email.UnsubscribeLinks;
import dev.ordertracking.notification.IncidentWording;
import dev.ordertracking.notification.LocalizedText;
import dev.ordertracking.platform.TrackingConfig;
import dev.ordertracking.support.IncidentViews.CouponView;
import dev.ordertracking.support.IncidentViews.IncidentView;
import dev.ordertracking.support.OrderJourneyEntity;
import dev.ordertracking.support.OrderQueries;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.ShipmentView;
import dev.ordertracking.support.OrderViews.TimelineEntry;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Builds the tracking page of the order a token names. */
@ApplicationScoped
public class TrackingPages {

    /** The shape of the tokens we mint: 22 URL-safe Base64 characters (128 bits). */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final OrderQueries orders;
    private final FeedbackDesk feedback;
    private final UnsubscribeLinks links;
    private final String defaultLocale;

    public TrackingPages(OrderQueries orders, FeedbackDesk feedback, UnsubscribeLinks links, TrackingConfig config) {
        this.links = links;
        this.orders = orders;
        this.feedback = feedback;
        this.defaultLocale = config.defaults().locale();
    }

    /** The page for a token, in {@code lang} when it is one of ours, else in the customer's language. */
    public Optional<TrackingPage> forToken(String token, String lang) {
        return orderId(token).flatMap(orders::find).map(view -> page(view, token, lang));
    }

    /** The order a token names. */
    public Optional<String> orderId(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return OrderJourneyEntity.<OrderJourneyEntity>find("trackingToken", token).firstResultOptional()
                .map(o -> o.orderId);
    }

    /** The language of a page: the asked one when supported, else the customer's, else the default. */
    public Locale locale(String lang, String customerLocale) {
        if (lang != null && LocalizedText.SUPPORTED.stream().anyMatch(l -> l.toLanguageTag().equals(lang))) {
            return Locale.forLanguageTag(lang);
        }
        return LocalizedText.resolve(customerLocale, defaultLocale);
    }

    private TrackingPage page(OrderView o, String token, String lang) {
        Locale locale = locale(lang, o.customer().locale());
        ZoneId zone = ZoneId.of(o.customer().timeZone());
        TrackingPageText text = text(locale);
        List<TrackingPage.Parcel> parcels = o.shipments().stream()
                .map(s -> new TrackingPage.Parcel(s.carrier(), s.trackingNumber(), safeUrl(s.carrierTrackingUrl()),
                        status(text, s.status())))
                .toList();
        List<TrackingPage.Entry> timeline = new ArrayList<>();
        o.timeline().stream().sorted(Comparator.comparing(TimelineEntry::occurredAt).reversed())
                .forEach(e -> label(text, e).ifPresent(what -> timeline.add(new TrackingPage.Entry(
                        LocalizedText.dateTime(e.occurredAt(), zone, locale), what))));
        List<TrackingPage.Language> languages = LocalizedText.SUPPORTED.stream()
                .map(l -> new TrackingPage.Language(l.toLanguageTag(), l.getDisplayLanguage(l)
                        + (l.equals(LocalizedText.PT_BR) ? " (Brasil)" : ""), l.equals(locale)))
                .toList();
        Integer rating;
        try {
            rating = feedback.of(o.orderId()).map(FeedbackDesk.Given::rating).orElse(null);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading the order's rating failed", e);
        }
        return new TrackingPage(locale.toLanguageTag(), LocalizedText.rightToLeft(locale) ? "rtl" : "ltr", token,
                o.orderId(), o.customer().firstName(), step(o.status()),
                o.deliveredAt() == null ? null : LocalizedText.dateTime(o.deliveredAt(), zone, locale),
                o.promisedDeliveryDate() == null ? null : LocalizedText.date(o.promisedDeliveryDate(), locale),
                o.estimatedDeliveryDate() == null ? null : LocalizedText.date(o.estimatedDeliveryDate(), locale),
                apology(o, locale, zone), parcels, timeline, languages, rating,
                links.preferencesPath(o.customer().id()) + "?lang=" + locale.toLanguageTag());
    }

    /** The latest incident the customer was told about, with its coupon. */
    private TrackingPage.Apology apology(OrderView o, Locale locale, ZoneId zone) {
        Optional<IncidentView> told = o.incidents().stream().filter(i -> i.messagesPlanned() > 0)
                .max(Comparator.comparing(IncidentView::openedAt));
        if (told.isEmpty() || "CANCELLED".equals(o.status())) {
            return null;
        }
        IncidentView incident = told.get();
        Optional<CouponView> coupon = o.coupons().stream()
                .filter(c -> incident.id().equals(c.incidentId()) && c.code() != null).findFirst();
        return new TrackingPage.Apology(
                IncidentWording.whatHappened(IncidentReason.valueOf(incident.latestReason()), locale),
                incident.newDate() == null || o.deliveredAt() != null ? null : LocalizedText.date(incident.newDate(), locale),
                coupon.map(CouponView::code).orElse(null),
                coupon.map(c -> IncidentWording.couponValue(c.kind(), c.value(), c.currency(), locale)).orElse(null),
                coupon.map(c -> LocalizedText.date(c.expiresAt().atZone(zone).toLocalDate(), locale)).orElse(null));
    }

    static TrackingPageText text(Locale locale) {
        return locale.equals(LocalizedText.EN) ? MessageBundles.get(TrackingPageText.class)
                : MessageBundles.get(TrackingPageText.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    static int step(String status) {
        return switch (status) {
            case "CANCELLED" -> -1;
            case "PLACED" -> 0;
            case "CONFIRMED" -> 1;
            case "OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP" -> 3;
            case "DELIVERED" -> 4;
            default -> 2;
        };
    }

    private static String status(TrackingPageText text, String status) {
        return switch (status) {
            case "CREATED" -> text.stepShipped();
            case "IN_TRANSIT" -> text.statusInTransit();
            case "EXCEPTION" -> text.statusException();
            case "ATTEMPT_FAILED" -> text.statusAttemptFailed();
            case "OUT_FOR_DELIVERY" -> text.stepOut();
            case "AVAILABLE_FOR_PICKUP" -> text.statusPickup();
            case "DELIVERED" -> text.stepDelivered();
            case "RETURNED_TO_SENDER" -> text.statusReturned();
            default -> status;
        };
    }

    /** What an event of the timeline means for the customer; empty for events that say nothing to them. */
    private static Optional<String> label(TrackingPageText text, TimelineEntry e) {
        return Optional.ofNullable(switch (e.type()) {
            case "order.placed" -> text.stepPlaced();
            case "order.confirmed" -> text.stepConfirmed();
            case "order.cancelled" -> text.statusCancelled();
            case "shipment.created" -> text.stepShipped();
            case "shipment.status_changed" -> {
                JsonNode status = e.details() == null ? null : e.details().get("status");
                yield status == null ? null : status(text, status.asText());
            }
            default -> null;
        });
    }

    /** Only http(s) links to the carrier are shown; anything else is left out. */
    private static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }
}
