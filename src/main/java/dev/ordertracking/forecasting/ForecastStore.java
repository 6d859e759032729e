package dev.ordertracking.forecasting;

import dev.ordertracking.forecast.DeliveryForecaster;
import dev.ordertracking.forecast.DurationBins;
import dev.ordertracking.forecast.DurationDistribution;
import dev.ordertracking.forecast.Forecast;
import dev.ordertracking.forecast.LearnedDurations.Resolved;
import dev.ordertracking.forecast.LearnedDurations.Step;
import dev.ordertracking.forecast.ProbabilityCalibration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The forecast's tables: {@code forecast_duration} and {@code forecast_outcome} (what is learned,
 * one row per step, key and day) and {@code order_forecast} (each open order's current forecast).
 * Learning joins the caller's (ingest) transaction; every replica adds to the same rows.
 */
@ApplicationScoped
public class ForecastStore {

    private final AgroalDataSource dataSource;

    public ForecastStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record DayKey(String step, String key, long day) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int c = step.compareTo(o.step);
            c = c != 0 ? c : key.compareTo(o.key);
            return c != 0 ? c : Long.compare(day, o.day);
        }
    }

    /**
     * Counts learned samples: one more in one bin of its day's row for each of its keys, and its
     * outcome in its step's row of the day. Samples of days that left the window ending {@code today}
     * are not counted. Rows are added to element by element ({@code on conflict do update}), in one
     * order in every transaction, so concurrent learners neither lose counts nor deadlock. When a
     * key gets its first row of a day, its rows that left the window are deleted: the table keeps
     * about {@code windowDays} rows per key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learn(List<DeliveryForecaster.Sample> samples, int windowDays, long today) throws SQLException {
        long oldest = today - windowDays + 1;
        Map<DayKey, int[]> durations = new TreeMap<>();
        Map<DayKey, int[]> outcomes = new TreeMap<>();
        for (DeliveryForecaster.Sample s : samples) {
            if (s.epochDay() < oldest) {
                continue;
            }
            for (String key : s.keys()) {
                durations.computeIfAbsent(new DayKey(s.step().name(), key, s.epochDay()),
                        k -> new int[DurationBins.COUNT])[s.bin()]++;
            }
            if (s.outcome() != null) {
                outcomes.computeIfAbsent(new DayKey(s.step().name(), "", s.epochDay()),
                        k -> new int[ProbabilityCalibration.BINS])[ProbabilityCalibration.binOf(s.outcome())]++;
            }
        }
        if (durations.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            List<DayKey> newRows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    insert into forecast_duration as f (step, bins, key, day, counts, total)
                    select u.step, ?, u.key, u.day, u.counts::int[], u.total
                    from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::int[]) as u(step, key, day, counts, total)
                    order by u.step, u.key, u.day
                    on conflict (step, bins, key, day) do update set
                        counts = (select array_agg(a + b order by i)
                                  from unnest(f.counts, excluded.counts) with ordinality as x(a, b, i)),
                        total = f.total + excluded.total
                    returning step, key, day, xmax = 0""")) {
                s.setInt(1, DurationBins.VERSION);
                bindRows(c, s, 2, durations);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(4)) {
                            newRows.add(new DayKey(rs.getString(1), rs.getString(2), rs.getInt(3)));
                        }
                    }
                }
            }
            if (!outcomes.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into forecast_outcome as f (step, day, counts, total)
                        select u.step, u.day, u.counts::int[], u.total
                        from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::int[]) as u(step, key, day, counts, total)
                        order by u.step, u.day
                        on conflict (step, day) do update set
                            counts = (select array_agg(a + b order by i)
                                      from unnest(f.counts, excluded.counts) with ordinality as x(a, b, i)),
                            total = f.total + excluded.total""")) {
                    bindRows(c, s, 1, outcomes);
                    s.executeUpdate();
                }
            }
            if (!newRows.isEmpty()) {
                forget(c, newRows, oldest);
            }
        }
    }

    /** A new day's row for these keys: their rows before the window go (once a day per key). */
    private static void forget(Connection c, List<DayKey> keys, long oldest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                delete from forecast_duration f using unnest(?::text[], ?::text[]) as u(step, key)
                where f.step = u.step and f.key = u.key and f.day < ?""")) {
            s.setArray(1, c.createArrayOf("text", keys.stream().map(DayKey::step).toArray()));
            s.setArray(2, c.createArrayOf("text", keys.stream().map(DayKey::key).toArray()));
            s.setLong(3, oldest);
            s.executeUpdate();
        }
        if (keys.stream().anyMatch(k -> k.key().equals(dev.ordertracking.forecast.Lane.ALL))) {
            try (PreparedStatement s = c.prepareStatement("delete from forecast_outcome where day < ?")) {
                s.setLong(1, oldest);
                s.executeUpdate();
            }
        }
    }

    private static void bindRows(Connection c, PreparedStatement s, int from, Map<DayKey, int[]> rows)
            throws SQLException {
        List<String> steps = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Integer> days = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        rows.forEach((k, v) -> {
            steps.add(k.step());
            keys.add(k.key());
            days.add(Math.toIntExact(k.day()));
            StringBuilder text = new StringBuilder("{");
            int total = 0;
            for (int i = 0; i < v.length; i++) {
                text.append(i == 0 ? "" : ",").append(v[i]);
                total += v[i];
            }
            counts.add(text.append('}').toString());
            totals.add(total);
        });
        s.setArray(from, c.createArrayOf("text", steps.toArray()));
        s.setArray(from + 1, c.createArrayOf("text", keys.toArray()));
        s.setArray(from + 2, c.createArrayOf("int4", days.toArray()));
        s.setArray(from + 3, c.createArrayOf("text", counts.toArray()));
        s.setArray(from + 4, c.createArrayOf("int4", totals.toArray()));
    }

    /**
     * The durations of the first of {@code keys} (finest first) with at least {@code minSamples} in
     * the window of {@code windowDays} ending on {@code day}, or null. One statement: the keys'
     * totals over the window (at most window-days rows each), then the chosen key's rows.
     */
    public Resolved resolve(Step step, List<String> keys, long day, int windowDays, int minSamples)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     with totals as (
                         select key, sum(total) as n from forecast_duration
                         where step = ? and bins = ? and key = any(?) and day > ? and day <= ?
                         group by key
                     ), chosen as (
                         select t.key, t.n from totals t join unnest(?::text[]) with ordinality as k(key, rank)
                             on k.key = t.key
                         where t.n >= ? order by k.rank limit 1
                     )
                     select c.key, c.n, d.counts from chosen c join forecast_duration d on d.key = c.key
                     where d.step = ? and d.bins = ? and d.day > ? and d.day <= ?""")) {
            Array keyArray = c.createArrayOf("text", keys.toArray());
            s.setString(1, step.name());
            s.setInt(2, DurationBins.VERSION);
            s.setArray(3, keyArray);
            s.setLong(4, day - windowDays);
            s.setLong(5, day);
            s.setArray(6, keyArray);
            s.setLong(7, minSamples);
            s.setString(8, step.name());
            s.setInt(9, DurationBins.VERSION);
            s.setLong(10, day - windowDays);
            s.setLong(11, day);
            String key = null;
            long samples = 0;
            long[] counts = new long[DurationBins.COUNT];
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    key = rs.getString(1);
                    samples = rs.getLong(2);
                    add(counts, rs.getArray(3));
                }
            }
            return key == null ? null : new Resolved(key, samples, new DurationDistribution(counts));
        }
    }

    /** How the step's forecasts of the window ending on {@code day} turned out: counts per bin of probability. */
    public long[] outcomes(Step step, long day, int windowDays) throws SQLException {
        long[] counts = new long[ProbabilityCalibration.BINS];
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select counts from forecast_outcome where step = ? and day > ? and day <= ?")) {
            s.setString(1, step.name());
            s.setLong(2, day - windowDays);
            s.setLong(3, day);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    add(counts, rs.getArray(1));
                }
            }
        }
        return counts;
    }

    private static void add(long[] sum, Array array) throws SQLException {
        Integer[] values = (Integer[]) array.getArray();
        for (int i = 0; i < Math.min(sum.length, values.length); i++) {
            sum[i] += values[i];
        }
    }

    /** The current forecasts of these orders (those that have one). */
    public Map<String, StoredForecast> current(Collection<String> orderIds) throws SQLException {
        Map<String, StoredForecast> found = new HashMap<>();
        if (orderIds.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT + " where order_id = any(?)")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StoredForecast f = row(rs);
                    found.put(f.orderId(), f);
                }
            }
        }
        return found;
    }

    /** The current forecast of an order, if it has one. */
    public Optional<StoredForecast> find(String orderId) throws SQLException {
        return Optional.ofNullable(current(List.of(orderId)).get(orderId));
    }

    private static final String SELECT = """
            select order_id, basis, most_likely_at, latest_at, on_time_probability, overdue, warn_at, lane,
                lane_samples, dispatch_key, dispatch_samples, computed_at, warned_at
            from order_forecast""";

    private static StoredForecast row(ResultSet rs) throws SQLException {
        return new StoredForecast(rs.getString(1), Forecast.Basis.valueOf(rs.getString(2)), instant(rs, 3),
                instant(rs, 4), rs.getDouble(5), rs.getBoolean(6), instant(rs, 7), rs.getString(8), rs.getLong(9),
                rs.getString(10), dispatchSamples(rs), instant(rs, 12), instant(rs, 13));
    }

    private static Long dispatchSamples(ResultSet rs) throws SQLException {
        long n = rs.getLong(11);
        return rs.wasNull() ? null : n;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** An order's warning moment before and after a forecast was written: its FORECAST deadline changes if they differ. */
    public record Moment(String orderId, Instant before, Instant after) {
    }

    /**
     * Writes these forecasts over the orders' previous ones, in one statement. An order warned before
     * stays warned, and keeps no warning moment. Returns each order's warning moment before and as
     * stored (null: none), read in the same statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Moment> save(Collection<StoredForecast> forecasts) throws SQLException {
        List<Moment> moments = new ArrayList<>();
        if (forecasts.isEmpty()) {
            return moments;
        }
        List<StoredForecast> rows = new ArrayList<>(forecasts);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     with rows as (
                         select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                             ?::float8[], ?::boolean[], ?::timestamptz[], ?::text[], ?::int[], ?::text[], ?::int[],
                             ?::timestamptz[], ?::timestamptz[]) as r(order_id, basis, most_likely_at, latest_at,
                             on_time_probability, overdue, warn_at, lane, lane_samples, dispatch_key, dispatch_samples,
                             computed_at, warned_at)
                     ), before as (
                         select f.order_id, f.warn_at from order_forecast f join rows r on r.order_id = f.order_id
                     ), saved as (
                         insert into order_forecast as f (order_id, basis, most_likely_at, latest_at,
                             on_time_probability, overdue, warn_at, lane, lane_samples, dispatch_key, dispatch_samples,
                             computed_at, warned_at)
                         select * from rows
                         on conflict (order_id) do update set basis = excluded.basis,
                             most_likely_at = excluded.most_likely_at, latest_at = excluded.latest_at,
                             on_time_probability = excluded.on_time_probability, overdue = excluded.overdue,
                             warn_at = case when f.warned_at is null then excluded.warn_at end,
                             lane = excluded.lane, lane_samples = excluded.lane_samples,
                             dispatch_key = excluded.dispatch_key, dispatch_samples = excluded.dispatch_samples,
                             computed_at = excluded.computed_at, warned_at = coalesce(f.warned_at, excluded.warned_at)
                         returning f.order_id, f.warn_at
                     )
                     select saved.order_id, before.warn_at, saved.warn_at
                     from saved left join before on before.order_id = saved.order_id""")) {
            s.setArray(1, c.createArrayOf("text", rows.stream().map(StoredForecast::orderId).toArray()));
            s.setArray(2, c.createArrayOf("text", rows.stream().map(f -> f.basis().name()).toArray()));
            s.setArray(3, timestamps(c, rows.stream().map(StoredForecast::mostLikelyAt).toList()));
            s.setArray(4, timestamps(c, rows.stream().map(StoredForecast::latestAt).toList()));
            s.setArray(5, c.createArrayOf("float8", rows.stream().map(StoredForecast::onTimeProbability).toArray()));
            s.setArray(6, c.createArrayOf("bool", rows.stream().map(StoredForecast::overdue).toArray()));
            s.setArray(7, timestamps(c, rows.stream().map(StoredForecast::warnAt).toList()));
            s.setArray(8, c.createArrayOf("text", rows.stream().map(StoredForecast::lane).toArray()));
            s.setArray(9, c.createArrayOf("int4", rows.stream().map(f -> (int) Math.min(Integer.MAX_VALUE,
                    f.laneSamples())).toArray()));
            s.setArray(10, c.createArrayOf("text", rows.stream().map(StoredForecast::dispatchKey).toArray()));
            s.setArray(11, c.createArrayOf("int4", rows.stream().map(f -> f.dispatchSamples() == null ? null
                    : (Integer) (int) Math.min(Integer.MAX_VALUE, f.dispatchSamples())).toArray()));
            s.setArray(12, timestamps(c, rows.stream().map(StoredForecast::computedAt).toList()));
            s.setArray(13, timestamps(c, rows.stream().map(StoredForecast::warnedAt).toList()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    moments.add(new Moment(rs.getString(1), instant(rs, 2), instant(rs, 3)));
                }
            }
        }
        return moments;
    }

    /** Of these orders, those whose forecast has warned already. */
    public Set<String> warned(Collection<String> orderIds) throws SQLException {
        Set<String> warned = new HashSet<>();
        if (orderIds.isEmpty()) {
            return warned;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select order_id from order_forecast where order_id = any(?) and warned_at is not null")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    warned.add(rs.getString(1));
                }
            }
        }
        return warned;
    }

    private static Array timestamps(Connection c, List<Instant> values) throws SQLException {
        return c.createArrayOf("timestamptz", values.stream().map(v -> v == null ? null : Timestamp.from(v)).toArray());
    }

    /**
     * The orders are delivered or cancelled, or have no forecast any more: their forecasts go.
     * Returns those that kept a warning moment (their FORECAST deadline goes too).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> remove(Collection<String> orderIds) throws SQLException {
        Set<String> hadMoment = new HashSet<>();
        if (orderIds.isEmpty()) {
            return hadMoment;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "delete from order_forecast where order_id = any(?) returning order_id, warn_at")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getTimestamp(2) != null) {
                        hadMoment.add(rs.getString(1));
                    }
                }
            }
        }
        return hadMoment;
    }
}
