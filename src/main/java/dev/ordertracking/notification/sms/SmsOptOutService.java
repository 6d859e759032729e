package dev.ordertracking.notification.sms;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Numbers that must not receive SMS: a customer's STOP (or Twilio's report of one) puts a number
 * here, START takes it out. Changes join the caller's transaction; the rows are {@link SmsOptOutStore}'s.
 */
@ApplicationScoped
public class SmsOptOutService {

    /**
     * A number's opt-out as recorded: when, and the keyword the customer texted ({@code sms:STOP}) or
     * the Twilio error that reported it ({@code twilio:21610}).
     */
    public record OptOut(String phone, Instant at, String source) {

        /** What the customer did: the keyword they texted; Twilio's unsubscribed-recipient error means STOP. */
        public String by() {
            return source.startsWith("sms:") ? source.substring(4) : "STOP";
        }
    }

    private final SmsOptOutStore store;

    public SmsOptOutService(SmsOptOutStore store) {
        this.store = store;
    }

    public void optOut(String phone, Instant at, String source) throws SQLException {
        store.add(phone, at, source);
    }

    public void optIn(String phone) throws SQLException {
        store.remove(phone);
    }

    /** The opt-out of this number, if it has one. */
    public Optional<OptOut> find(String phone) throws SQLException {
        return phone == null ? Optional.empty() : store.find(phone);
    }

    /** The latest opt-out of any number on the customer's orders: SMS to that number stop until START. */
    public Optional<OptOut> ofCustomer(String customerId) throws SQLException {
        return store.latestOfCustomer(customerId);
    }
}
