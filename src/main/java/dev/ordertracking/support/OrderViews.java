package dev.ordertracking.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Response bodies of the support API. */
public final class OrderViews {

    private OrderViews() {
    }

    public record OrderView(String orderId, String status, Instant placedAt, Instant confirmedAt, Instant cancelledAt,
                            String cancelReason, LocalDate promisedDeliveryDate, Instant promiseDeadline,
                            LocalDate estimatedDeliveryDate, Instant deliveredAt, Boolean onTime,
                            String deliveryTiming, Double orderToDeliveryHours, CustomerView customer,
                            JsonNode items, String currency, BigDecimal total, JsonNode shippingAddress,
                            List<ShipmentView> shipments, JsonNode anomalies, List<TimelineEntry> timeline,
                            TimelinePage timelinePage, String trackingToken, List<NotificationView> notifications,
                            List<IncidentViews.IncidentView> incidents, List<IncidentViews.CouponView> coupons,
                            FollowUpService.FeedbackView feedback, List<FollowUpService.FollowUpView> followUps,
                            List<SupportNoteService.NoteView> notes, ForecastView forecast) {

        /** The same order with its delivery forecast (null: none). */
        public OrderView withForecast(ForecastView forecast) {
            return new OrderView(orderId, status, placedAt, confirmedAt, cancelledAt, cancelReason,
                    promisedDeliveryDate, promiseDeadline, estimatedDeliveryDate, deliveredAt, onTime, deliveryTiming,
                    orderToDeliveryHours, customer, items, currency, total, shippingAddress, shipments, anomalies,
                    timeline, timelinePage, trackingToken, notifications, incidents, coupons, feedback, followUps, notes,
                    forecast);
        }

        /** The event to ask for the timeline's older entries before, or null when none are older. */
        public String olderTimeline() {
            return timelinePage == null ? null : timelinePage.olderBefore();
        }

        /** The same order with another description of its timeline's page (the API adds its link). */
        public OrderView withTimelinePage(TimelinePage page) {
            return new OrderView(orderId, status, placedAt, confirmedAt, cancelledAt, cancelReason,
                    promisedDeliveryDate, promiseDeadline, estimatedDeliveryDate, deliveredAt, onTime, deliveryTiming,
                    orderToDeliveryHours, customer, items, currency, total, shippingAddress, shipments, anomalies,
                    timeline, page, trackingToken, notifications, incidents, coupons, feedback, followUps, notes,
                    forecast);
        }
    }

    /**
     * An open order's delivery forecast, from the shop's delivered history (docs/forecast.md), as
     * computed at its latest event: the most likely and the "at the latest" day in the customer's
     * time zone, the probability of delivery by the promise, the lane and the number of deliveries
     * it rests on. Null dates when the parcel is past its lane's whole history ({@code overdue}).
     *
     * @param basis           NOT_SHIPPED (the rest of the dispatch, then transit) or SHIPPED (transit, given
     *                        the time it has taken so far)
     * @param samples         deliveries of the lane in the window
     * @param dispatchHistory the hand-overs the dispatch time rests on, while not shipped (else null)
     * @param warnAt          when the customer will be told of a delay if still undelivered (null: not planned)
     * @param warnedAt        when the customer was told of a delay because of it
     */
    public record ForecastView(String basis, LocalDate expectedDate, LocalDate latestDate, Instant expectedAt,
                               Instant latestAt, double onTimeProbability, boolean overdue, String lane,
                               long samples, String dispatchHistory, Long dispatchSamples, Instant warnAt,
                               Instant warnedAt, Instant computedAt) {

        /** The probability of delivery by the promise, in whole percent (for pages). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        @org.eclipse.microprofile.openapi.annotations.media.Schema(hidden = true)
        public long onTimePercent() {
            return Math.round(onTimeProbability * 100);
        }
    }

    /**
     * Which part of the timeline an order view holds: at most {@code limit} entries, the most recent
     * ones older than the event {@code before} (null: the newest). {@code olderBefore} is the event to
     * ask for the entries before it, and {@code older} the link that does; both null when nothing is older.
     */
    public record TimelinePage(int limit, String before, String olderBefore, String older) {

        public TimelinePage withOlder(String link) {
            return new TimelinePage(limit, before, olderBefore, olderBefore == null ? null : link);
        }
    }

    public record CustomerView(String id, String firstName, String lastName, String email, String phone,
                               String locale, String timeZone) {
    }

    public record ShipmentView(String shipmentId, String carrier, String trackingNumber, String carrierTrackingUrl,
                               String status, String reason, String description, String location,
                               LocalDate estimatedDeliveryDate, Instant shippedAt, Instant deliveredAt,
                               Instant lastUpdateAt, JsonNode skus) {
    }

    /**
     * One event of the timeline; {@code live=false} marks a historical event (never messaged).
     * {@code shipmentStatus} is the status a {@code shipment.status_changed} reported (else null).
     * {@code details} is the event's data passed through as stored, unparsed: write it out, do not read
     * fields from it (a raw node answers null to every question).
     */
    public record TimelineEntry(String eventId, String type, Instant occurredAt, Instant receivedAt, boolean live,
                                String source, String shipmentStatus, JsonNode details) {
    }

    /**
     * A customer message and what became of it. {@code bodyPreview} is the start of the text as sent
     * (e-mail: subject, then text); null until the dispatcher rendered it.
     */
    public record NotificationView(UUID id, String channel, String milestone, String shipmentId, String locale,
                                   String recipient, String status, String statusReason, String bodyPreview,
                                   String providerId, String providerStatus, String errorCode, String errorMessage,
                                   int attempts, Instant nextAttemptAt, Instant createdAt, Instant acceptedAt,
                                   UUID fallbackOf, UUID resendOf, List<NotificationHistoryEntry> history) {
    }

    /** One status a message went through, with what the provider said then. */
    public record NotificationHistoryEntry(String status, Instant at, String providerId, String providerStatus,
                                           String errorCode, String errorMessage, String detail) {
    }

    public record OrderSummary(String orderId, String status, String customerId, String customerName,
                               String email, String phone, Instant placedAt, LocalDate promisedDeliveryDate,
                               LocalDate estimatedDeliveryDate, Instant deliveredAt, Boolean onTime) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public record DeliveryStats(Instant from, Instant to, long delivered, long onTime, long late, long early,
                                Double onTimeRate, Percentiles orderToDeliveryHours) {
    }

    public record Percentiles(Double p50, Double p90, Double p99) {
    }

    /** Ratings of a group of orders. */
    public record RatingGroup(long count, Double meanRating) {
    }

    /** What customers thought, and the gap between orders on time and late. */
    public record FeedbackStats(long count, Double meanRating, RatingGroup onTime, RatingGroup late, long lowRatings,
                                long openFollowUps) {
    }
}
