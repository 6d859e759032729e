package dev.ordertracking.delay;

import dev.ordertracking.journey.Journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the desk knows of one order: its journey, all its incidents (open and closed) and the
 * coupons already counted against the caps.
 */
public final class OrderFacts {

    final Journey journey;
    final List<Incident> incidents;
    int couponsOfOrder;
    int couponsOfCustomerThisMonth;

    public OrderFacts(Journey journey, List<Incident> incidents, int couponsOfOrder, int couponsOfCustomerThisMonth) {
        this.journey = journey;
        this.incidents = new ArrayList<>(incidents);
        this.couponsOfOrder = couponsOfOrder;
        this.couponsOfCustomerThisMonth = couponsOfCustomerThisMonth;
    }

    public Journey journey() {
        return journey;
    }

    public List<Incident> incidents() {
        return incidents;
    }

    Optional<Incident> open(IncidentCause cause) {
        return incidents.stream().filter(i -> i.isOpen() && i.cause == cause).findFirst();
    }

    /** The most recent incident of this cause, open or closed. */
    Optional<Incident> latest(IncidentCause cause) {
        return incidents.stream().filter(i -> i.cause == cause)
                .max(java.util.Comparator.comparing(Incident::openedAt));
    }
}
