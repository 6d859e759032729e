package dev.ordertracking.notification.sms;

import dev.ordertracking.platform.SqlValues;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Numbers that must not receive SMS, in the caller's transaction. */
@ApplicationScoped
public class SmsOptOuts {

    private final AgroalDataSource dataSource;

    public SmsOptOuts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void optOut(String phone, Instant at, String source) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into sms_opt_out (phone, opted_out_at, source) values (?, ?, ?) on conflict do nothing")) {
            s.setString(1, phone);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, source);
            s.executeUpdate();
        }
    }

    public void optIn(String phone) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from sms_opt_out where phone = ?")) {
            s.setString(1, phone);
            s.executeUpdate();
        }
    }

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

    /** The opt-out of this number, if it has one. */
    public Optional<OptOut> find(String phone) throws SQLException {
        if (phone == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select phone, opted_out_at, source from sms_opt_out where phone = ?")) {
            s.setString(1, phone);
            return first(s);
        }
    }

    /** The latest opt-out of any number on the customer's orders: SMS to that number stop until START. */
    public Optional<OptOut> ofCustomer(String customerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select phone, opted_out_at, source from sms_opt_out
                where phone in (select customer_phone from order_journey where customer_id = ?)
                order by opted_out_at desc limit 1""")) {
            s.setString(1, customerId);
            return first(s);
        }
    }

    private static Optional<OptOut> first(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new OptOut(rs.getString(1), SqlValues.instant(rs, 2),
                    rs.getString(3))) : Optional.empty();
        }
    }

    public boolean isOptedOut(String phone) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from sms_opt_out where phone = ?")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
