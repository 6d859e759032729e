package dev.ordertracking.tracking;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.feedback.FeedbackService;
import dev.ordertracking.notification.email.UnsubscribeLinks;
import dev.ordertracking.notification.IncidentWording;
import dev.ordertracking.notification.LocalizedText;
import dev.ordertracking.platform.TrackingSettings;
import dev.ordertracking.support.IncidentViews.CouponView;
import dev.ordertracking.support.IncidentViews.IncidentView;
import dev.ordertracking.support.OrderQueries;
import dev.ordertracking.support.OrderQueries.TimelineWindow;
import dev.ordertracking.support.OrderForecasts;
import dev.ordertracking.support.OrderViews.ForecastView;
import dev.ordertracking.support.OrderViews.OrderView;
import dev.ordertracking.support.OrderViews.ShipmentView;
import dev.ordertracking.support.OrderViews.TimelineEntry;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
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

    /** The events the page's timeline tells the customer about; the others say nothing to them. */
    static final List<String> CUSTOMER_EVENTS = List.of("order.placed", "order.confirmed", "order.cancelled",
            "shipment.created", "shipment.status_changed");
    /** Entries of the timeline on one page; an "older" link shows the ones before. */
    static final int TIMELINE_PAGE = 20;

    private final OrderQueries orders;
    private final OrderForecasts forecasts;
    private final FeedbackService feedback;
    private final UnsubscribeLinks links;
    private final Clock clock;
    private final String defaultLocale;

    public TrackingPages(OrderQueries orders, OrderForecasts forecasts, FeedbackService feedback,
                         UnsubscribeLinks links, Clock clock, TrackingSettings config) {
        this.forecasts = forecasts;
        this.links = links;
        this.orders = orders;
        this.feedback = feedback;
        this.clock = clock;
        this.defaultLocale = config.defaults().locale();
    }

    /** The page for a token, in {@code lang} when it is one of ours, else in the customer's language. */
    public Optional<TrackingPage> forToken(String token, String lang) {
        return forToken(token, lang, null);
    }

    /**
     * The page for a token, its timeline starting before the event {@code before} (null: the newest).
     *
     * @throws dev.ordertracking.platform.Refusal.InvalidRequest when the order has no event {@code before}
     */
    public Optional<TrackingPage> forToken(String token, String lang, String before) {
        TimelineWindow window = new TimelineWindow(before, TIMELINE_PAGE, CUSTOMER_EVENTS);
        return orderId(token).flatMap(id -> orders.find(id, window)).map(forecasts::withForecast)
                .map(view -> page(view, token, lang));
    }

    /** The order a token names. */
    public Optional<String> orderId(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return orders.orderOfToken(token);
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
        String here = "/t/" + token + "?lang=" + locale.toLanguageTag();
        String older = o.timelinePage().olderBefore() == null ? null
                : here + "&before=" + URLEncoder.encode(o.timelinePage().olderBefore(), StandardCharsets.UTF_8)
                + "#timeline";
        String newest = o.timelinePage().before() == null ? null : here + "#timeline";
        List<TrackingPage.Language> languages = LocalizedText.SUPPORTED.stream()
                .map(l -> new TrackingPage.Language(l.toLanguageTag(), l.getDisplayLanguage(l)
                        + (l.equals(LocalizedText.PT_BR) ? " (Brasil)" : ""), l.equals(locale)))
                .toList();
        Integer rating;
        try {
            rating = feedback.of(o.orderId()).map(FeedbackService.Given::rating).orElse(null);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading the order's rating failed", e);
        }
        return new TrackingPage(locale.toLanguageTag(), LocalizedText.rightToLeft(locale) ? "rtl" : "ltr", token,
                o.orderId(), o.customer().firstName(), step(o.status()),
                o.deliveredAt() == null ? null : LocalizedText.dateTime(o.deliveredAt(), zone, locale),
                o.promisedDeliveryDate() == null ? null : LocalizedText.date(o.promisedDeliveryDate(), locale),
                expected(o, zone).map(d -> LocalizedText.date(d, locale)).orElse(null), forecast(o, locale, zone),
                lateness(o, locale, zone),
                apology(o, locale, zone), parcels, timeline, older, newest, languages, rating,
                links.preferencesPath(o.customer().id()) + "?lang=" + locale.toLanguageTag());
    }

    /**
     * The date we now expect an open order: the new date of its latest open incident that has one,
     * else the carrier's estimate; none when that day has passed too (we do not know then).
     */
    private Optional<LocalDate> expected(OrderView o, ZoneId zone) {
        if (o.deliveredAt() != null || "CANCELLED".equals(o.status())) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return o.incidents().stream().filter(i -> "OPEN".equals(i.status()) && i.newDate() != null)
                .max(Comparator.comparing(IncidentView::openedAt)).map(IncidentView::newDate)
                .or(() -> Optional.ofNullable(o.estimatedDeliveryDate()))
                .filter(d -> !d.isBefore(today));
    }

    /**
     * The days our forecast expects an open order, most likely to at the latest, while it is not late
     * and the carrier gives no estimate of its own; none when those days have passed.
     */
    private String forecast(OrderView o, Locale locale, ZoneId zone) {
        ForecastView f = o.forecast();
        if (f == null || f.overdue() || f.expectedDate() == null || f.latestDate() == null || o.deliveredAt() != null
                || "CANCELLED".equals(o.status()) || o.estimatedDeliveryDate() != null
                || (o.promiseDeadline() != null && !clock.instant().isBefore(o.promiseDeadline()))) {
            return null;
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (f.latestDate().isBefore(today)) {
            return null;
        }
        LocalDate from = f.expectedDate().isBefore(today) ? today : f.expectedDate();
        return LocalizedText.dayRange(from, f.latestDate(), locale);
    }

    /**
     * Late or not, whether or not the customer was messaged about it (a delay seen in history never
     * is): an open order past its promise is late since the day after the promised one.
     */
    private TrackingPage.Lateness lateness(OrderView o, Locale locale, ZoneId zone) {
        if (o.deliveredAt() != null || "CANCELLED".equals(o.status()) || o.promisedDeliveryDate() == null
                || o.promiseDeadline() == null || clock.instant().isBefore(o.promiseDeadline())) {
            return null;
        }
        return new TrackingPage.Lateness(LocalizedText.date(o.promisedDeliveryDate(), locale),
                LocalizedText.date(o.promisedDeliveryDate().plusDays(1), locale));
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
                coupon.map(c -> LocalizedText.date(c.expiresAt().atZone(zone).toLocalDate(), locale)).orElse(null),
                IncidentReason.FORECAST_PAST_PROMISE.name().equals(incident.latestReason()));
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
            case "shipment.status_changed" -> e.shipmentStatus() == null ? null : status(text, e.shipmentStatus());
            default -> null;
        });
    }

    /** Only http(s) links to the carrier are shown; anything else is left out. */
    private static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }
}
