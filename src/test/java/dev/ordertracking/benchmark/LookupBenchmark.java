package dev.ordertracking.benchmark;

import dev.ordertracking.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/**
 * Support lookups, {@code GET /api/orders/{id}}, at a steady 2,000 requests/s for random orders out
 * of 1,000,000 in the database (each with four timeline events and a parcel), driven by wrk (Debian's
 * package) from another process on loopback. Reports wrk's latency distribution.
 *
 * <p>Run with {@code ./mvnw verify -Pbenchmark -Dtest=LookupBenchmark}
 * ({@code -Dbench.lookup.orders=1000000 -Dbench.lookup.rate=2000 -Dbench.lookup.seconds=60}).
 */
@QuarkusTest
@Tag("benchmark")
class LookupBenchmark {

    private static final Path WRK = Path.of("/usr/bin/wrk");

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    @Test
    void lookupLatencyAtASteadyRate() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(WRK), "wrk is not installed (apt-get install wrk)");
        int orders = Integer.getInteger("bench.lookup.orders", 1_000_000);
        int rate = Integer.getInteger("bench.lookup.rate", 2_000);
        int seconds = Integer.getInteger("bench.lookup.seconds", 60);
        long seedStart = System.nanoTime();
        seed(orders);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        given().auth().oauth2(Tokens.support()).get("/api/orders/LK-1").then().statusCode(200);

        int connections = 40;
        String url = base.toString().replaceAll("/$", "");
        // wrk is closed-loop: each connection waits between requests. Warm-up passes measure the
        // service time; the run then waits just enough for the whole to offer `rate`.
        double delayMs = 1000.0 * connections / rate;
        // The first pass also warms the JIT, so its service time is too long; the later, shorter
        // passes correct the wait until the offered rate is close to the target.
        for (int pass = 0; pass < 3; pass++) {
            String calibration = run(List.of(WRK.toString(), "-t2", "-c" + connections,
                    "-d" + (pass == 0 ? 15 : 8) + "s", "-s", script(orders, delayMs).toString(), url));
            double achieved = requestsPerSecond(calibration);
            double serviceMs = Math.max(0, 1000.0 * connections / achieved - delayMs);
            delayMs = Math.max(0, 1000.0 * connections / rate - serviceMs);
        }
        // A measured run that missed the target rate by more than 10 % is measured again with the
        // wait corrected by its own service time.
        String report = null;
        double measuredDelayMs = delayMs;
        for (int attempt = 0; attempt < 3; attempt++) {
            measuredDelayMs = delayMs;
            report = run(List.of(WRK.toString(), "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-s", script(orders, delayMs).toString(), url));
            double achieved = requestsPerSecond(report);
            if (Math.abs(achieved - rate) <= 0.1 * rate) {
                break;
            }
            System.out.printf(Locale.ROOT, "lookup benchmark: %.0f requests/s instead of %d; measuring again%n",
                    achieved, rate);
            double serviceMs = Math.max(0, 1000.0 * connections / achieved - delayMs);
            delayMs = Math.max(0, 1000.0 * connections / rate - serviceMs);
        }
        String size = size();
        String text = String.format(Locale.ROOT, "lookup benchmark: %,d orders seeded in %.0f s (%s); target %,d "
                + "requests/s, %d connections waiting %.1f ms between requests%n%s%n", orders, seedSeconds, size, rate,
                connections, measuredDelayMs, report);
        System.out.println(text);
        Files.writeString(Files.createDirectories(Path.of("target", "benchmark")).resolve("lookup.txt"), text);
    }

    private static Path script(int orders, double delayMs) throws Exception {
        Path script = Files.createTempFile("lookup", ".lua");
        Files.writeString(script, String.format(Locale.ROOT, """
                local token = "%s"
                local orders = %d
                math.randomseed(os.time())
                request = function()
                  return wrk.format("GET", "/api/orders/LK-" .. math.random(1, orders), {["Authorization"] = "Bearer " .. token})
                end
                delay = function()
                  return %d
                end
                """, Tokens.support(), orders, Math.round(delayMs)));
        return script;
    }

    private static double requestsPerSecond(String wrkOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(wrkOutput);
        if (!m.find()) {
            throw new IllegalStateException("no rate in wrk's output: " + wrkOutput);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String run(List<String> command) throws Exception {
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (!wrk.waitFor(10, TimeUnit.MINUTES) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return out;
    }

    private void seed(int orders) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from order_journey where order_id like 'LK-%'")) {
                rs.next();
                if (rs.getLong(1) >= orders) {
                    return;
                }
            }
            s.execute("""
                    insert into order_journey (order_id, status, customer_id, customer_first_name, customer_last_name,
                        customer_email, customer_phone, customer_locale, customer_time_zone, items, currency, total,
                        placed_at, confirmed_at, promised_delivery_date, promise_deadline, estimated_delivery_date,
                        anomalies, event_count, last_event_at, updated_at, tracking_token)
                    select 'LK-' || g, 'SHIPPED', 'C-LK-' || g, 'Ana', 'Costa', 'lk' || g || '@bench.invalid',
                           '+1555' || lpad(g::text, 7, '0'), 'pt-BR', 'America/Sao_Paulo',
                           '[{"sku":"CUP-4","name":"Espresso cups","quantity":1,"unitPrice":24.90}]', 'BRL', 24.90,
                           now() - interval '2 days', now() - interval '2 days', current_date + 3,
                           (current_date + 4)::timestamp at time zone 'America/Sao_Paulo', current_date + 2, '[]', 4,
                           now() - interval '1 day', now(), md5('lk' || g)
                    from generate_series(1, %d) g on conflict do nothing""".formatted(orders));
            s.execute("""
                    insert into journey_event (event_id, order_id, type, source, occurred_at, received_at, live,
                        kafka_topic, kafka_partition, kafka_offset, data)
                    select 'lk-' || g || '-' || e.n, 'LK-' || g, e.type, '/bench', now() - e.ago, now() - e.ago, true,
                           'orders.v1', 0, 0, jsonb_build_object('orderId', 'LK-' || g)
                    from generate_series(1, %d) g
                    cross join (values (1, 'order.placed', interval '2 days'), (2, 'order.confirmed', interval '47 hours'),
                                       (3, 'shipment.created', interval '30 hours'),
                                       (4, 'shipment.status_changed', interval '1 day')) as e(n, type, ago)
                    on conflict do nothing""".formatted(orders));
            s.execute("""
                    insert into shipment (order_id, shipment_id, carrier, tracking_number, status, estimated_delivery_date,
                        shipped_at, last_update_at, skus)
                    select 'LK-' || g, 'S1', 'Correios', 'BR' || g, 'IN_TRANSIT', current_date + 2,
                           now() - interval '30 hours', now() - interval '1 day', '["CUP-4"]'
                    from generate_series(1, %d) g on conflict do nothing""".formatted(orders));
            s.execute("analyze order_journey");
            s.execute("analyze journey_event");
            s.execute("analyze shipment");
        }
    }

    private String size() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            return "database " + rs.getString(1);
        }
    }
}
