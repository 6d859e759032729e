package dev.ordertracking.console;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as inline SVG: nothing to load at run time, readable without
 * JavaScript, and each chart comes with its numbers as a table for screen readers.
 */
public final class SvgCharts {

    /**
     * One labelled value; {@code shown} is how the value is written (e.g. "92 %"). A {@code flagged}
     * bar is drawn in red and never vanishes, so a day with deliveries but none on time still shows.
     */
    public record Bar(String label, double value, String shown, boolean flagged) {

        public Bar(String label, double value, String shown) {
            this(label, value, shown, false);
        }
    }

    /** Values of one series across the categories of a grouped chart. */
    public record Series(String name, String color, List<Double> values) {
    }

    /** A drawn chart: the SVG markup, and its data as rows of a table (first row: headings). */
    public record Chart(String id, String title, String description, String svg, List<List<String>> table) {

        public boolean empty() {
            return table.size() <= 1;
        }
    }

    static final String BLUE = "#1d4ed8";
    static final String AMBER = "#b45309";
    static final String GREEN = "#047857";
    static final String RED = "#b91c1c";
    static final String INK = "#111827";
    static final String GRID = "#d1d5db";

    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 16;
    private static final int BOTTOM = 70;

    private SvgCharts() {
    }

    /** Vertical columns from 0 to {@code max}, one per bar, with a value axis in {@code unit}. */
    public static Chart columns(String id, String title, String description, List<Bar> bars, double max, String unit,
                                String valueHeading) {
        StringBuilder svg = open(id, title, description);
        if (bars.isEmpty()) {
            return new Chart(id, title, description, nothing(svg), List.of(List.of("", valueHeading)));
        }
        double top = niceMax(max);
        axis(svg, top, unit);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double slot = plotWidth / bars.size();
        double barWidth = Math.max(1, slot * 0.75);
        int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 10.0));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = bar.flagged() ? Math.max(3, height(bar.value(), top)) : height(bar.value(), top);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s: %s</title></rect>",
                    x, HEIGHT - BOTTOM - h, barWidth, h, bar.flagged() ? RED : BLUE, esc(bar.label()),
                    esc(bar.shown())));
            if (i % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" text-anchor=\"end\" fill=\"%s\" "
                                + "transform=\"rotate(-40 %.1f %d)\">%s</text>",
                        x + barWidth / 2, HEIGHT - BOTTOM + 16, INK, x + barWidth / 2, HEIGHT - BOTTOM + 16,
                        esc(bar.label())));
            }
        }
        return new Chart(id, title, description, close(svg), table(bars, valueHeading));
    }

    /** Horizontal bars, longest first as given, labels on the left. */
    public static Chart horizontalBars(String id, String title, String description, List<Bar> bars,
                                       String valueHeading) {
        int rowHeight = 26;
        int height = Math.max(80, TOP + bars.size() * rowHeight + 8);
        StringBuilder svg = open(id, title, description, height);
        if (bars.isEmpty()) {
            return new Chart(id, title, description, nothing(svg), List.of(List.of("", valueHeading)));
        }
        int labelWidth = 190;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double plot = WIDTH - labelWidth - 70;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + i * rowHeight;
            double w = max <= 0 ? 0 : bar.value() / max * plot;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"14\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    labelWidth - 8, y + 15, INK, esc(bar.label())));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
                            + "<title>%s: %s</title></rect>",
                    labelWidth, y + 2, Math.max(w, 1), AMBER, esc(bar.label()), esc(bar.shown())));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" fill=\"%s\">%s</text>",
                    labelWidth + Math.max(w, 1) + 6, y + 15, INK, esc(bar.shown())));
        }
        return new Chart(id, title, description, close(svg), table(bars, valueHeading));
    }

    /** Columns grouped by category, one colour per series, with a legend. */
    public static Chart groupedColumns(String id, String title, String description, List<String> categories,
                                       List<Series> series, String unit) {
        StringBuilder svg = open(id, title, description);
        List<List<String>> table = new java.util.ArrayList<>();
        List<String> heading = new java.util.ArrayList<>();
        heading.add("");
        series.forEach(s -> heading.add(s.name()));
        table.add(heading);
        if (series.isEmpty() || categories.isEmpty()) {
            return new Chart(id, title, description, nothing(svg), table);
        }
        double max = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        double top = niceMax(max);
        axis(svg, top, unit);
        double slot = (WIDTH - LEFT - RIGHT) / (double) categories.size();
        double groupWidth = slot * 0.8;
        double barWidth = groupWidth / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double x0 = LEFT + c * slot + (slot - groupWidth) / 2;
            List<String> row = new java.util.ArrayList<>();
            row.add(categories.get(c));
            for (int s = 0; s < series.size(); s++) {
                double value = series.get(s).values().get(c);
                double h = height(value, top);
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s, %s: %s</title></rect>",
                        x0 + s * barWidth, HEIGHT - BOTTOM - h, Math.max(1, barWidth - 2), h,
                        series.get(s).color(), esc(categories.get(c)), esc(series.get(s).name()), number(value)));
                row.add(number(value));
            }
            table.add(row);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"14\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                    x0 + groupWidth / 2, HEIGHT - BOTTOM + 16, INK, esc(categories.get(c))));
        }
        double lx = LEFT;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"14\" fill=\"%s\">%s</text>",
                    lx, HEIGHT - 22, s.color(), lx + 16, HEIGHT - 12, INK, esc(s.name())));
            lx += 28 + 8.5 * s.name().length();
        }
        return new Chart(id, title, description, close(svg), table);
    }

    private static StringBuilder open(String id, String title, String description) {
        return open(id, title, description, HEIGHT);
    }

    private static StringBuilder open(String id, String title, String description, int height) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
                        + "aria-labelledby=\"%s-title %s-desc\" class=\"chart\" id=\"%s\">"
                        + "<title id=\"%s-title\">%s</title><desc id=\"%s-desc\">%s</desc>",
                WIDTH, height, id, id, id, id, esc(title), id, esc(description)));
        return svg;
    }

    private static String nothing(StringBuilder svg) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"60\" font-size=\"16\" text-anchor=\"middle\" fill=\"%s\">No data in this period</text>",
                WIDTH / 2, INK));
        return close(svg);
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg>").toString();
    }

    /** The value axis: four grid lines with their values. */
    private static void axis(StringBuilder svg, double top, String unit) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = HEIGHT - BOTTOM - plotHeight * i / 4;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\" fill=\"%s\">%s%s</text>",
                    LEFT, y, WIDTH - RIGHT, y, GRID, LEFT - 6, y + 4, INK, number(value), unit));
        }
    }

    private static double height(double value, double top) {
        return top <= 0 ? 0 : Math.max(0, value) / top * (HEIGHT - TOP - BOTTOM);
    }

    /** A round axis maximum at or above {@code max}: 1, 2 or 5 times a power of ten. */
    static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static List<List<String>> table(List<Bar> bars, String valueHeading) {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of("", valueHeading));
        bars.forEach(b -> rows.add(List.of(b.label(), b.shown())));
        return rows;
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String esc(String text) {
        return dev.ordertracking.platform.HtmlText.escape(text);
    }
}
