package dev.ordertracking.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordertracking.compensation.CompensationPolicy;
import dev.ordertracking.compensation.CompensationSettings;
import dev.ordertracking.delay.DelayBacktest;
import dev.ordertracking.delay.DelaySettings;
import dev.ordertracking.delay.Deadlines;
import dev.ordertracking.delay.IncidentDesk;
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
 * {@code BacktestCommand <olist-dir> [--dry-run]}. The policy and delay settings are the service's
 * (application.properties, overridden by system properties and environment variables as usual).
 * It sends nothing and issues nothing.
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
        DelayBacktest.Report report = run(Path.of(args[0]), config());
        print(report, System.out);
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
                .withValidateUnknown(false)
                .build();
    }

    static DelayBacktest.Report run(Path dir, SmallRyeConfig config) throws IOException {
        DelaySettings delays = config.getConfigMapping(DelaySettings.class);
        CompensationSettings compensation = config.getConfigMapping(CompensationSettings.class);
        NotificationSettings notifications = config.getConfigMapping(NotificationSettings.class);
        IncidentDesk desk = new IncidentDesk(CompensationPolicy.of(compensation), delays::bufferDays,
                delays.maxUpdates(), IncidentDesk.CarrierHistory.NONE);
        DelayBacktest backtest = new DelayBacktest(
                new JourneyFolder(config.getOptionalValue("tracking.defaults.locale", String.class).orElse("en"),
                        ZoneId.of(config.getOptionalValue("tracking.defaults.time-zone", String.class).orElse("UTC"))),
                new Deadlines(delays.dispatchWindow(), delays.stallAfter()), desk,
                notifications.channelsByMilestone());
        List<RecordedEvent> events = events(new OlistEventMapper().mapAll(OlistDataset.load(dir).orders()));
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
        out.println("Nothing was sent and nothing was issued.");
    }

    private static void section(PrintStream out, String title, Map<?, Long> counts) {
        out.println(title);
        if (counts.isEmpty()) {
            out.println("  none");
        }
        counts.forEach((key, n) -> out.printf(Locale.ROOT, "  %-40s %,8d%n", key, n));
    }
}
