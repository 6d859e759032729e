package dev.ordertracking.compensation;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what loyalty rewards count; the coupons themselves go through {@link CouponStore}. */
@ApplicationScoped
public class LoyaltyStore {

    private final AgroalDataSource dataSource;

    public LoyaltyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Delivered orders per customer, counting the deliveries of the caller's transaction (the batch
     * that delivered them); customers without any are left out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> deliveredOrders(Collection<String> customerIds) throws SQLException {
        Map<String, Long> delivered = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select customer_id, count(*) from order_journey where customer_id = any(?::text[]) "
                             + "and status = 'DELIVERED' group by customer_id")) {
            s.setArray(1, c.createArrayOf("text", customerIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    delivered.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return delivered;
    }
}
