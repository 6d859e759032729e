package dev.ordertracking.console;

import dev.ordertracking.console.SvgCharts.Bar;
import dev.ordertracking.console.SvgCharts.Chart;
import dev.ordertracking.console.SvgCharts.Series;
import dev.ordertracking.console.DashboardStore.Figures;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The console's dashboard: a few headline numbers and five charts over a range of days (UTC). */
@ApplicationScoped
public class DashboardService {

    /** Widths of the order-to-delivery histogram: one bar per day of hours, the last one open-ended. */
    static final int HOURS_PER_BUCKET = 24;
    static final int BUCKETS = 20;

    public record Headline(long delivered, String onTimeRate, long openIncidents, long openFollowUps,
                           String meanRating) {
    }

    public record View(LocalDate from, LocalDate to, Headline headline, List<Chart> charts) {
    }

    private final DashboardStore store;

    public DashboardService(DashboardStore store) {
        this.store = store;
    }

    /** Days {@code from} to {@code to}, both included. */
    public View view(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Figures figures = store.figures(start, end, HOURS_PER_BUCKET, BUCKETS);
        List<Chart> charts = List.of(onTimeByDay(figures.byDay(), from, to), delayReasons(figures.reasons()),
                deliveryHours(figures.byHoursBucket()), messageFunnel(figures.byChannel()),
                feedback(figures.ratings()));
        return new View(from, to, headline(figures.totals()), charts);
    }

    private static Headline headline(DashboardStore.Totals t) {
        return new Headline(t.delivered(), t.delivered() == 0 ? "–" : percent(t.onTime(), t.delivered()),
                t.openIncidents(), t.openFollowUps(),
                t.meanRating() == null ? "–" : String.format(Locale.ROOT, "%.2f", t.meanRating()));
    }

    private static Chart onTimeByDay(Map<LocalDate, DashboardStore.Deliveries> days, LocalDate from, LocalDate to) {
        List<Bar> bars = new ArrayList<>();
        if (!days.isEmpty()) {
            DashboardStore.Deliveries none = new DashboardStore.Deliveries(0, 0);
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                DashboardStore.Deliveries n = days.getOrDefault(d, none);
                double rate = n.delivered() == 0 ? 0 : 100.0 * n.onTime() / n.delivered();
                bars.add(new Bar(d.toString(), rate, n.delivered() == 0 ? "no deliveries"
                        : percent(n.onTime(), n.delivered()) + " of " + n.delivered(),
                        n.delivered() > 0 && n.onTime() == 0));
            }
        }
        return SvgCharts.columns("chart-on-time", "On-time deliveries per day",
                "Share of the orders delivered each day (UTC) that arrived by the promised date.", bars, 100, " %",
                "On time");
    }

    private static Chart delayReasons(List<DashboardStore.ReasonCount> reasons) {
        List<Bar> bars = reasons.stream()
                .map(r -> new Bar(words(r.reason()), r.count(), Long.toString(r.count()))).toList();
        return SvgCharts.horizontalBars("chart-delay-reasons", "Incidents by reason",
                "Incidents opened in the period, by what caused them.", bars, "Incidents");
    }

    private static Chart deliveryHours(Map<Integer, Long> byBucket) {
        List<Bar> bars = new ArrayList<>();
        if (!byBucket.isEmpty()) {
            for (int i = 0; i <= BUCKETS; i++) {
                String label = i == BUCKETS ? "≥ " + BUCKETS * HOURS_PER_BUCKET + " h"
                        : i * HOURS_PER_BUCKET + "–" + (i + 1) * HOURS_PER_BUCKET + " h";
                long count = byBucket.getOrDefault(i, 0L);
                bars.add(new Bar(label, count, Long.toString(count)));
            }
        }
        return SvgCharts.columns("chart-delivery-hours", "Hours from order to delivery",
                "How many orders delivered in the period took how long from placing to delivery.", bars,
                bars.stream().mapToDouble(Bar::value).max().orElse(0), "", "Orders");
    }

    private static Chart messageFunnel(Map<String, DashboardStore.Funnel> byChannel) {
        List<String> stages = List.of("Queued", "Sent", "Delivered", "Failed");
        List<Function<DashboardStore.Funnel, Long>> counts = List.of(DashboardStore.Funnel::queued,
                DashboardStore.Funnel::sent, DashboardStore.Funnel::delivered, DashboardStore.Funnel::failed);
        String[] colors = {SvgCharts.BLUE, SvgCharts.AMBER, SvgCharts.GREEN, SvgCharts.RED};
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Function<DashboardStore.Funnel, Long> stage = counts.get(i);
            series.add(new Series(stages.get(i), colors[i],
                    byChannel.values().stream().map(f -> (double) stage.apply(f)).toList()));
        }
        List<String> channels = byChannel.keySet().stream().map(ch -> "EMAIL".equals(ch) ? "E-mail" : ch).toList();
        return SvgCharts.groupedColumns("chart-message-funnel", "Customer messages by channel",
                "Messages created in the period: queued to send (not suppressed or dropped), handed to the "
                        + "provider, confirmed delivered, and failed. E-mail has no delivery receipts.",
                channels, channels.isEmpty() ? List.of() : series, "");
    }

    private static Chart feedback(List<DashboardStore.Ratings> ratings) {
        List<Bar> bars = ratings.stream()
                .map(r -> new Bar(r.onTime() ? "On time" : "Late", r.mean(),
                        String.format(Locale.ROOT, "%.2f of 5 (%d ratings)", r.mean(), r.count())))
                .toList();
        return SvgCharts.columns("chart-feedback", "Mean rating, on time vs late",
                "Mean customer rating (1 to 5) of orders that arrived on time and of those that arrived late.",
                bars, 5, "", "Mean rating");
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /** PROMISE_BROKEN -> Promise broken. */
    static String words(String constant) {
        if (constant == null || constant.isEmpty()) {
            return "Unknown";
        }
        String lower = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
