package dev.ordertracking.notification.sms;

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

/** The {@code sms_opt_out} table: one row per number that must not receive SMS. */
@ApplicationScoped
public class SmsOptOutStore {

    private final AgroalDataSource dataSource;

    public SmsOptOutStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the number; one that is recorded already keeps its first opt-out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String phone, Instant at, String source) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into sms_opt_out (phone, opted_out_at, source) values (?, ?, ?) on conflict do nothing")) {
            s.setString(1, phone);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, source);
            s.executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(String phone) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from sms_opt_out where phone = ?")) {
            s.setString(1, phone);
            s.executeUpdate();
        }
    }

    public Optional<SmsOptOutService.OptOut> find(String phone) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select phone, opted_out_at, source from sms_opt_out where phone = ?")) {
            s.setString(1, phone);
            return first(s);
        }
    }

    /** The latest opt-out of any number on the customer's orders. */
    public Optional<SmsOptOutService.OptOut> latestOfCustomer(String customerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select phone, opted_out_at, source from sms_opt_out
                where phone in (select customer_phone from order_journey where customer_id = ?)
                order by opted_out_at desc limit 1""")) {
            s.setString(1, customerId);
            return first(s);
        }
    }

    private static Optional<SmsOptOutService.OptOut> first(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new SmsOptOutService.OptOut(rs.getString(1), SqlValues.instant(rs, 2),
                    rs.getString(3))) : Optional.empty();
        }
    }
}
