package dev.ordertracking.notification;

import dev.ordertracking.journey.IncidentReason;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** What a message about an incident says, read when it is rendered: the reason, the new date, the coupon. */
@ApplicationScoped
public class IncidentNoteService {

    /** An incident as a message tells it; the coupon fields are null when it has no issued coupon. */
    /** @param revision the incident's latest notice: a message of an earlier one is superseded */
    public record Note(IncidentReason reason, LocalDate newDate, String couponCode, String couponKind,
                       BigDecimal couponValue, String couponCurrency, Instant couponExpiresAt, int revision) {
    }

    private final IncidentNoteStore store;

    public IncidentNoteService(IncidentNoteStore store) {
        this.store = store;
    }

    public Map<UUID, Note> load(Collection<UUID> incidentIds) throws SQLException {
        return store.incidents(incidentIds);
    }

    /** The thank-you (loyalty) coupon of each of these orders that has one, told in its rating request. */
    public Map<String, Note> thankYous(Collection<String> orderIds) throws SQLException {
        return store.loyaltyCoupons(orderIds);
    }
}
