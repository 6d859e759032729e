package dev.ordertracking.compensation;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Owns {@code coupon}: apology coupons for incidents (delay's store hands them over in the incident's
 * transaction) and thank-you coupons for loyal customers. Draws every code, fresh and unique.
 */
@ApplicationScoped
public class CouponStore {

    /**
     * A coupon to write: for an incident, or for none (a thank-you). A dry run is recorded without a
     * code, as what would have been issued.
     */
    public record NewCoupon(UUID incidentId, String orderId, String customerId, boolean dryRun, CouponKind kind,
                            BigDecimal value, String currency, String reason, String rule, Instant expiresAt,
                            Instant issuedAt) {

        String status() {
            return dryRun ? "DRY_RUN" : "ISSUED";
        }
    }

    /** A coupon as written; {@code code} is null in a dry run. */
    public record Written(UUID id, NewCoupon coupon, String code) {
    }

    private final AgroalDataSource dataSource;
    private final CouponCodes codes;

    public CouponStore(AgroalDataSource dataSource, CompensationSettings settings) {
        this.dataSource = dataSource;
        this.codes = new CouponCodes(settings.codePrefix());
    }

    private static final String INSERT_COUPON = """
            insert into coupon (id, incident_id, order_id, customer_id, code, status, kind, value, currency, reason,
                rule, expires_at, issued_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""";

    /**
     * Writes the coupons of incidents, never a second one for an incident. Inserts them in one
     * statement that returns the ids it wrote: a batch's update counts cannot say which rows went in
     * (with {@code reWriteBatchedInserts} a multi-row batch answers {@code SUCCESS_NO_INFO}). A row that
     * conflicts (its code is taken, which is astronomically rare, or its incident already has a coupon)
     * is tried again alone with a new code.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Written> issueForIncidents(List<NewCoupon> coupons) throws SQLException {
        List<Written> issued = new ArrayList<>();
        if (coupons.isEmpty()) {
            return issued;
        }
        List<Written> tried = new ArrayList<>();
        for (NewCoupon coupon : coupons) {
            tried.add(new Written(UUID.randomUUID(), coupon, coupon.dryRun() ? null : codes.next()));
        }
        Set<UUID> written = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(INSERT_COUPONS)) {
                String[][] columns = new String[13][tried.size()];
                for (int r = 0; r < tried.size(); r++) {
                    Written w = tried.get(r);
                    NewCoupon k = w.coupon();
                    String[] row = {w.id().toString(), k.incidentId().toString(), k.orderId(), k.customerId(), w.code(),
                            k.status(), k.kind().name(), k.value().toPlainString(), k.currency(), k.reason(), k.rule(),
                            k.expiresAt().toString(), k.issuedAt().toString()};
                    for (int i = 0; i < row.length; i++) {
                        columns[i][r] = row[i];
                    }
                }
                for (int i = 0; i < columns.length; i++) {
                    s.setArray(i + 1, c.createArrayOf("text", columns[i]));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        written.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            for (Written w : tried) {
                if (written.contains(w.id())) {
                    issued.add(w);
                } else {
                    issueForIncident(c, w.coupon()).ifPresent(issued::add);
                }
            }
        }
        return issued;
    }

    private static final String INSERT_COUPONS = """
            insert into coupon (id, incident_id, order_id, customer_id, code, status, kind, value, currency, reason,
                rule, expires_at, issued_at)
            select id::uuid, incident_id::uuid, order_id, customer_id, code, status, kind, value::numeric, currency,
                reason, rule, expires_at::timestamptz, issued_at::timestamptz
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                as t(id, incident_id, order_id, customer_id, code, status, kind, value, currency, reason, rule,
                    expires_at, issued_at)
            on conflict do nothing
            returning id""";

    /** Inserts one coupon, drawing a new code while the code is taken; empty when the incident has its coupon. */
    private Optional<Written> issueForIncident(Connection c, NewCoupon coupon) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_COUPON);
             PreparedStatement taken = c.prepareStatement("select 1 from coupon where incident_id = ?")) {
            for (int attempt = 0; attempt < 5; attempt++) {
                taken.setObject(1, coupon.incidentId());
                try (ResultSet rs = taken.executeQuery()) {
                    if (rs.next()) {
                        return Optional.empty(); // never a second coupon for an incident
                    }
                }
                Written w = new Written(UUID.randomUUID(), coupon, coupon.dryRun() ? null : codes.next());
                bind(s, w);
                if (s.executeUpdate() == 1) {
                    return Optional.of(w);
                }
            }
        }
        throw new IllegalStateException("could not draw an unused coupon code in 5 attempts");
    }

    /** Writes a thank-you coupon; empty when the order has one already (one per order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Written> issueThankYou(NewCoupon coupon) throws SQLException {
        Written w = new Written(UUID.randomUUID(), coupon, codes.next());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_COUPON)) {
            bind(s, w);
            return s.executeUpdate() == 1 ? Optional.of(w) : Optional.empty();
        }
    }

    private static void bind(PreparedStatement s, Written w) throws SQLException {
        NewCoupon k = w.coupon();
        int i = 1;
        s.setObject(i++, w.id());
        if (k.incidentId() == null) {
            s.setNull(i++, Types.OTHER);
        } else {
            s.setObject(i++, k.incidentId());
        }
        s.setString(i++, k.orderId());
        s.setString(i++, k.customerId());
        s.setString(i++, w.code());
        s.setString(i++, k.status());
        s.setString(i++, k.kind().name());
        s.setBigDecimal(i++, k.value());
        s.setString(i++, k.currency());
        s.setString(i++, k.reason());
        s.setString(i++, k.rule());
        s.setTimestamp(i++, Timestamp.from(k.expiresAt()));
        s.setTimestamp(i, Timestamp.from(k.issuedAt()));
    }
}
