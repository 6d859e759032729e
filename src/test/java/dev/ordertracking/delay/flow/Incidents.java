package dev.ordertracking.delay.flow;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Incident and coupon rows of an order, read straight from the database. */
final class Incidents {

    private Incidents() {
    }

    /** Each incident as a map of its columns, oldest first. */
    static List<Map<String, Object>> of(AgroalDataSource db, String orderId) {
        return rows(db, "select * from incident where order_id = ? order by opened_at, id", orderId);
    }

    static List<Map<String, Object>> coupons(AgroalDataSource db, String orderId) {
        return rows(db, "select * from coupon where order_id = ? order by issued_at, id", orderId);
    }

    static List<Map<String, Object>> rows(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(AgroalDataSource db, String sql, Object... params) {
        return ((Number) rows(db, sql, params).get(0).values().iterator().next()).longValue();
    }
}
