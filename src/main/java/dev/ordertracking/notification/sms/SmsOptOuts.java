package dev.ordertracking.notification.sms;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

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
