package dev.ordertracking.delay;

import dev.ordertracking.journey.IncidentReason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An incident on an order, as the desk works on it. Mutable while one transaction decides; the
 * store writes the ones marked changed.
 */
public final class Incident {

    public enum Status { OPEN, CLOSED }

    final UUID id;
    final String orderId;
    final String customerId;
    final IncidentCause cause;
    final IncidentReason reason;
    final boolean live;
    final LocalDate promisedDate;
    final Instant signalAt;
    final Instant openedAt;
    IncidentReason latestReason;
    Status status;
    String note;
    LocalDate newDate;
    LocalDate toldDate;
    IncidentReason toldReason;
    int delayDays;
    int revision;
    Instant closedAt;
    String closeReason;
    String compensation;
    boolean hasCoupon;
    boolean isNew;
    boolean changed;

    public Incident(UUID id, String orderId, String customerId, IncidentCause cause, IncidentReason reason,
                    IncidentReason latestReason, Status status, String note, boolean live, LocalDate promisedDate,
                    LocalDate newDate, LocalDate toldDate, IncidentReason toldReason, int delayDays, int revision,
                    Instant signalAt, Instant openedAt, Instant closedAt, String closeReason, String compensation,
                    boolean hasCoupon) {
        this.id = id;
        this.orderId = orderId;
        this.customerId = customerId;
        this.cause = cause;
        this.reason = reason;
        this.latestReason = latestReason;
        this.status = status;
        this.note = note;
        this.live = live;
        this.promisedDate = promisedDate;
        this.newDate = newDate;
        this.toldDate = toldDate;
        this.toldReason = toldReason;
        this.delayDays = delayDays;
        this.revision = revision;
        this.signalAt = signalAt;
        this.openedAt = openedAt;
        this.closedAt = closedAt;
        this.closeReason = closeReason;
        this.compensation = compensation;
        this.hasCoupon = hasCoupon;
    }

    static Incident open(String orderId, String customerId, DelaySignal first, LocalDate promisedDate, Instant now) {
        Incident i = new Incident(UUID.randomUUID(), orderId, customerId, first.cause(), first.reason(),
                first.reason(), Status.OPEN, null, first.live(), promisedDate, null, null, null, 0, 0,
                first.signalAt(), now, null, null, null, false);
        i.isNew = true;
        i.changed = true;
        return i;
    }

    void close(String why, Instant now) {
        status = Status.CLOSED;
        closedAt = now;
        closeReason = why;
        changed = true;
    }

    public UUID id() { return id; }
    public String orderId() { return orderId; }
    public String customerId() { return customerId; }
    public IncidentCause cause() { return cause; }
    public IncidentReason reason() { return reason; }
    public IncidentReason latestReason() { return latestReason; }
    public Status status() { return status; }
    public boolean isOpen() { return status == Status.OPEN; }
    public String note() { return note; }
    public boolean live() { return live; }
    public LocalDate promisedDate() { return promisedDate; }
    public LocalDate newDate() { return newDate; }
    public LocalDate toldDate() { return toldDate; }
    public IncidentReason toldReason() { return toldReason; }
    public int delayDays() { return delayDays; }
    public int revision() { return revision; }
    public Instant signalAt() { return signalAt; }
    public Instant openedAt() { return openedAt; }
    public Instant closedAt() { return closedAt; }
    public String closeReason() { return closeReason; }
    public String compensation() { return compensation; }
    public boolean hasCoupon() { return hasCoupon; }
    public boolean isNew() { return isNew; }
    public boolean changed() { return changed; }
}
