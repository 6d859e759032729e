package dev.ordertracking.notification.preference;

import dev.ordertracking.platform.SqlValues;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code customer_preference} table: customers' channel choices. Writes are upserts, so repeated
 * and concurrent changes (two first changes at once, a double click) are one row and never collide.
 */
@ApplicationScoped
public class PreferenceStore {

    private final AgroalDataSource dataSource;

    public PreferenceStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The customer's choice, if they (or support) ever made one. */
    public Optional<CustomerPreference> find(String customerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select customer_id, sms_enabled, email_enabled, updated_at from customer_preference
                where customer_id = ?""")) {
            s.setString(1, customerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new CustomerPreference(rs.getString(1), rs.getBoolean(2),
                        rs.getBoolean(3), SqlValues.instant(rs, 4))) : Optional.empty();
            }
        }
    }

    /** Sets both channels. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(String customerId, boolean smsEnabled, boolean emailEnabled, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into customer_preference (customer_id, sms_enabled, email_enabled, updated_at)
                values (?, ?, ?, ?)
                on conflict (customer_id) do update set sms_enabled = excluded.sms_enabled,
                    email_enabled = excluded.email_enabled, updated_at = excluded.updated_at""")) {
            s.setString(1, customerId);
            s.setBoolean(2, smsEnabled);
            s.setBoolean(3, emailEnabled);
            s.setTimestamp(4, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /**
     * Turns the customer's e-mails off and leaves SMS as they were (on without a row). A customer
     * whose e-mails are off already keeps the time they were turned off.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void turnEmailOff(String customerId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into customer_preference (customer_id, sms_enabled, email_enabled, updated_at)
                values (?, true, false, ?)
                on conflict (customer_id) do update set email_enabled = false, updated_at = excluded.updated_at
                where customer_preference.email_enabled""")) {
            s.setString(1, customerId);
            s.setTimestamp(2, Timestamp.from(at));
            s.executeUpdate();
        }
    }
}
