package dev.ordertracking.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.compensation.CompensationPolicy;
import dev.ordertracking.compensation.CompensationSettings;
import dev.ordertracking.delay.DelayBacktest;
import dev.ordertracking.delay.DelaySettings;
import dev.ordertracking.delay.Deadlines;
import dev.ordertracking.delay.IncidentDesk;
import dev.ordertracking.forecast.DeliveryForecaster;
import dev.ordertracking.forecast.ForecastSettings;
import dev.ordertracking.forecasting.ForecastingSettings;
import dev.ordertracking.ingest.FactReader;
import dev.ordertracking.ingest.InvalidEventException;
import dev.ordertracking.journey.JourneyFolder;
import dev.ordertracking.journey.RecordedEvent;
import dev.ordertracking.notification.NotificationSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Replays an Olist-format history through delay detection and the compensation policy, with the
 * clock following event time, and prints what would have been sent and issued:
 * {@code BacktestCommand <olist-dir>}. The policy and delay settings are the service's
 * (application.properties, overridden by system properties and environment variables as usual);
 * the delivery forecast's are the service's {@code tracking.forecast.*} ({@link ForecastingSettings}), off with
 * {@code tracking.forecast.enabled=false}. After the report, the same replay at other warning
 * thresholds. It sends nothing and issues nothing.
 */
public final class BacktestCommand {

    static final String USAGE = "usage: BacktestCommand <olist-dir>";

    private BacktestCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].startsWith("--")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        SmallRyeConfig config = config();
        List<RecordedEvent> events = load(Path.of(args[0]));
        ForecastSettings forecast = forecastSettings(config);
        print(run(events, config, forecast), System.out);
        if (forecast != null) {
            printSweep(sweep(events, config, forecast, SWEEP), System.out);
        }
    }

    /** Warning thresholds the sweep tries. */
    static final List<Double> SWEEP = List.of(0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9);

    /** One threshold's result: late deliveries told before their promise, precision, median lead, false alarms. */
    record SweepRow(double threshold, long lateTold, long late, Double precision, Double medianLeadDays,
                    Double p10LeadDays, long onTimeTold, long onTime) {
    }

    /** The delivery forecast's settings, {@code tracking.forecast.*} (the service's); null when it is off. */
    static ForecastSettings forecastSettings(SmallRyeConfig config) {
        ForecastingSettings forecast = config.getConfigMapping(ForecastingSettings.class);
        return forecast.enabled() ? forecast.settings() : null;
    }

    /** The service's settings from application.properties (default profile), system properties and environment. */
    static SmallRyeConfig config() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BacktestCommand.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, String> values = new java.util.HashMap<>();
        properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> values.put(k, properties.getProperty(k)));
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(values, "application.properties", 250))
                .withMapping(CompensationSettings.class)
                .withMapping(DelaySettings.class)
                .withMapping(NotificationSettings.class)
                .withMapping(ForecastingSettings.class)
                .withValidateUnknown(false)
                .build();
    }

    static DelayBacktest.Report run(Path dir, SmallRyeConfig config) throws IOException {
        return run(load(dir), config, forecastSettings(config));
    }

    /** The Olist history as the fold sees it. */
    static List<RecordedEvent> load(Path dir) throws IOException {
        return events(new OlistEventMapper().mapAll(OlistDataset.load(dir).orders()));
    }

    static List<SweepRow> sweep(List<RecordedEvent> events, SmallRyeConfig config, ForecastSettings forecast,
                                List<Double> thresholds) {
        List<SweepRow> rows = new ArrayList<>();
        for (double threshold : thresholds) {
            DelayBacktest.Report r = run(events, config, forecast.withWarnThreshold(threshold));
            DelayBacktest.Notices n = r.notices();
            rows.add(new SweepRow(threshold, n.lateTold(), r.lateDeliveries(), n.precision(), n.medianLeadDays(),
                    n.p10LeadDays(), n.onTimeTold(), n.onTimeDeliveries()));
        }
        return rows;
    }

    /** Replays {@code events}; with {@code forecast} null, the fixed rules alone. */
    static DelayBacktest.Report run(List<RecordedEvent> events, SmallRyeConfig config, ForecastSettings forecast) {
        DelaySettings delays = config.getConfigMapping(DelaySettings.class);
        CompensationSettings compensation = config.getConfigMapping(CompensationSettings.class);
        NotificationSettings notifications = config.getConfigMapping(NotificationSettings.class);
        IncidentDesk desk = new IncidentDesk(CompensationPolicy.of(compensation), delays::bufferDays,
                delays.maxUpdates(), IncidentDesk.CarrierHistory.NONE);
        DelayBacktest backtest = new DelayBacktest(
                new JourneyFolder(config.getOptionalValue("tracking.defaults.locale", String.class).orElse("en"),
                        ZoneId.of(config.getOptionalValue("tracking.defaults.time-zone", String.class).orElse("UTC"))),
                new Deadlines(delays.dispatchWindow(), delays.stallAfter()), desk,
                notifications.channelsByMilestone(), forecast == null ? null : new DeliveryForecaster(forecast));
        events.forEach(backtest::apply);
        if (!events.isEmpty()) {
            backtest.advanceTo(events.get(events.size() - 1).occurredAt());
        }
        return backtest.report();
    }

    /** Contract events as the fold sees them, all live, in the order they happened. */
    static List<RecordedEvent> events(List<ContractEvent> contract) {
        ObjectMapper json = new ObjectMapper();
        FactReader facts = new FactReader();
        List<RecordedEvent> events = new ArrayList<>();
        for (ContractEvent e : contract) {
            try {
                JsonNode event = json.readTree(e.json());
                Instant time = Instant.parse(event.path("time").asText());
                String type = event.path("type").asText();
                events.add(new RecordedEvent(event.path("id").asText(), type, time, time, true,
                        facts.read(type, event.path("data"))));
            } catch (IOException | InvalidEventException ex) {
                throw new IllegalArgumentException("event of order " + e.key() + " does not read: " + ex.getMessage(), ex);
            }
        }
        events.sort(Comparator.comparing(RecordedEvent::occurredAt).thenComparing(RecordedEvent::eventId));
        return events;
    }

    static void print(DelayBacktest.Report r, PrintStream out) {
        out.printf(Locale.ROOT, "Backtest: %,d orders, %,d events%n", r.orders(), r.events());
        out.printf(Locale.ROOT, "Deliveries: %,d on time, %,d early, %,d late%n", r.onTimeDeliveries(),
                r.earlyDeliveries(), r.lateDeliveries());
        section(out, "Incidents by cause:", r.incidentsByCause());
        section(out, "Incidents by the reason that opened them:", r.incidentsByReason());
        section(out, "Apologies (per incident and revision), by what they say:", r.apologies());
        section(out, "Messages that would have been sent:", r.messagesByChannel());
        out.printf(Locale.ROOT, "Coupons: %,d%n", r.coupons());
        r.couponsByRule().forEach((rule, n) -> out.printf(Locale.ROOT, "  %-40s %,8d%n", rule, n));
        r.amountByCurrency().forEach((currency, sum) -> out.printf(Locale.ROOT, "  amount coupons, face value: %s %s%n",
                currency, sum.setScale(2, RoundingMode.HALF_UP).toPlainString()));
        r.percentValueByCurrency().forEach((currency, sum) -> out.printf(Locale.ROOT,
                "  percent coupons, valued on the orders they were given for: %s %s%n", currency,
                sum.setScale(2, RoundingMode.HALF_UP).toPlainString()));
        Double rate = r.proactiveNoticeRate();
        out.printf(Locale.ROOT, "Proactive notice rate: %s (%,d of %,d late deliveries told before the promised date passed)%n",
                rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", rate * 100), r.toldBeforeDeadline(),
                r.lateDeliveries());
        DelayBacktest.Notices n = r.notices();
        out.printf(Locale.ROOT, "Late deliveries told before the promised date passed: %,d of %,d (%s), lead median %s,"
                + " p10 %s%n", n.lateTold(), r.lateDeliveries(), share(n.lateTold(), r.lateDeliveries()),
                days(n.medianLeadDays()), days(n.p10LeadDays()));
        out.printf(Locale.ROOT, "Told of a delay and then delivered on time: %,d (%s of %,d on-time deliveries);"
                + " precision %s%n", n.onTimeTold(), share(n.onTimeTold(), n.onTimeDeliveries()), n.onTimeDeliveries(),
                n.precision() == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", n.precision() * 100));
        out.printf(Locale.ROOT, "Never delivered: %,d, told of a delay before the promised date: %,d%n",
                n.neverDelivered(), n.neverDeliveredTold());
        DelayBacktest.Coverage c = r.coverage();
        out.printf(Locale.ROOT, "Forecast at hand-over: %,d deliveries, by its most likely date %s, by its latest date %s%n",
                c.atHandOver(), share(c.handOverByP50(), c.atHandOver()), share(c.handOverByP90(), c.atHandOver()));
        out.printf(Locale.ROOT, "Forecast at confirmation: %,d deliveries, by its most likely date %s, by its latest date %s%n",
                c.atConfirmation(), share(c.confirmationByP50(), c.atConfirmation()),
                share(c.confirmationByP90(), c.atConfirmation()));
        DelayBacktest.Alerts a = r.alerts();
        out.println("Support alerts by how the order ended (on time / late / never delivered / cancelled):");
        a.byReason().forEach((reason, byEnding) -> out.printf(Locale.ROOT, "  %-12s %,8d %,8d %,8d %,8d%n", reason,
                byEnding.get(DelayBacktest.Ending.ON_TIME), byEnding.get(DelayBacktest.Ending.LATE),
                byEnding.get(DelayBacktest.Ending.NEVER_DELIVERED), byEnding.get(DelayBacktest.Ending.CANCELLED)));
        out.printf(Locale.ROOT, "  on-time deliveries with an alert: %,d (%s); shipped and never delivered: %,d, alerted %,d%n",
                a.onTimeAlerted(), share(a.onTimeAlerted(), a.onTimeDeliveries()), a.shippedNeverDelivered(),
                a.shippedNeverDeliveredAlerted());
        out.println("Nothing was sent and nothing was issued.");
    }

    static void printSweep(List<SweepRow> rows, PrintStream out) {
        out.println("Warning threshold sweep (late told before the promise / precision / lead median, p10 / false alarms):");
        for (SweepRow row : rows) {
            out.printf(Locale.ROOT, "  %.2f  %,5d of %,d (%s)  %s  %s, %s  %,d (%s)%n", row.threshold(), row.lateTold(),
                    row.late(), share(row.lateTold(), row.late()),
                    row.precision() == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", row.precision() * 100),
                    days(row.medianLeadDays()), days(row.p10LeadDays()), row.onTimeTold(),
                    share(row.onTimeTold(), row.onTime()));
        }
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static String days(Double days) {
        return days == null ? "n/a" : String.format(Locale.ROOT, "%.1f d", days);
    }

    private static void section(PrintStream out, String title, Map<?, Long> counts) {
        out.println(title);
        if (counts.isEmpty()) {
            out.println("  none");
        }
        counts.forEach((key, n) -> out.printf(Locale.ROOT, "  %-40s %,8d%n", key, n));
    }
}
