package dev.ordertracking.notification;

import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.OrderItem;
import dev.ordertracking.journey.ShipmentState;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** What a message about a milestone says, taken from the order's journey as it is now. */
public final class MessageModels {

    private MessageModels() {
    }

    public static MessageModel of(Journey journey, Milestone milestone, String shipmentId, Locale locale,
                                  ZoneId zone, String trackingUrl, String unsubscribeUrl) {
        return of(journey, milestone, shipmentId, locale, zone, trackingUrl, unsubscribeUrl, null);
    }

    /**
     * What an apology says about its incident: the reason in plain words, the new date (notices
     * before delivery only), whether it updates an earlier notice, and the coupon when there is one.
     */
    public static MessageModel.Amends amends(IncidentNoteService.Note note, Milestone milestone, int revision,
                                             Locale locale, ZoneId zone) {
        boolean coupon = note.couponCode() != null;
        return new MessageModel.Amends(
                IncidentWording.whatHappened(note.reason(), locale),
                milestone == Milestone.DELAY_NOTICE && note.newDate() != null
                        ? LocalizedText.date(note.newDate(), locale) : null,
                revision > 1,
                coupon ? note.couponCode() : null,
                coupon ? IncidentWording.couponValue(note.couponKind(), note.couponValue(), note.couponCurrency(),
                        locale) : null,
                coupon ? LocalizedText.date(note.couponExpiresAt().atZone(zone).toLocalDate(), locale) : null,
                note.reason() == IncidentReason.FORECAST_PAST_PROMISE);
    }

    /** A thank-you coupon, as the rating request tells it: only the coupon. */
    public static MessageModel.Amends thankYou(IncidentNoteService.Note coupon, Locale locale, ZoneId zone) {
        return new MessageModel.Amends(null, null, false, coupon.couponCode(),
                IncidentWording.couponValue(coupon.couponKind(), coupon.couponValue(), coupon.couponCurrency(), locale),
                LocalizedText.date(coupon.couponExpiresAt().atZone(zone).toLocalDate(), locale));
    }

    public static MessageModel of(Journey journey, Milestone milestone, String shipmentId, Locale locale,
                                  ZoneId zone, String trackingUrl, String unsubscribeUrl, MessageModel.Amends amends) {
        Optional<ShipmentState> shipment = journey.shipments().stream()
                .filter(s -> s.shipmentId().equals(shipmentId))
                .findFirst()
                .or(() -> journey.shipments().stream()
                        .max(Comparator.comparing(ShipmentState::lastUpdateAt,
                                Comparator.nullsFirst(Comparator.naturalOrder()))));
        LocalDate estimate = shipment.map(ShipmentState::estimatedDeliveryDate).orElse(journey.estimatedDeliveryDate());
        List<String> names = journey.items().stream().map(OrderItem::name).filter(Objects::nonNull).toList();
        String pickupHint = milestone == Milestone.AVAILABLE_FOR_PICKUP
                ? shipment.map(s -> s.location() != null ? s.location() : s.description()).orElse(null)
                : null;
        return new MessageModel(
                journey.customer().firstName(),
                journey.orderId(),
                LocalizedText.itemSummary(names, locale),
                journey.promisedDeliveryDate() == null ? null : LocalizedText.date(journey.promisedDeliveryDate(), locale),
                estimate == null ? null : LocalizedText.date(estimate, locale),
                journey.deliveredAt() == null ? null : LocalizedText.dateTime(journey.deliveredAt(), zone, locale),
                shipment.map(ShipmentState::carrier).orElse(null),
                shipment.map(ShipmentState::trackingNumber).orElse(null),
                trackingUrl,
                pickupHint,
                unsubscribeUrl,
                amends);
    }
}
