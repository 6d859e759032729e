package dev.ordertracking.console;

import dev.ordertracking.console.SvgCharts.Bar;
import dev.ordertracking.console.SvgCharts.Chart;
import dev.ordertracking.console.SvgCharts.Series;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartsTest {

    private static Document parse(Chart chart) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(chart.svg().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> bars(Document svg) {
        NodeList rects = svg.getElementsByTagName("rect");
        List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if ("bar".equals(rect.getAttribute("class"))) {
                bars.add(rect);
            }
        }
        return bars;
    }

    @Test
    void columnsAreWellFormedSvgWithOneBarPerValueScaledToTheAxis() throws Exception {
        Chart chart = SvgCharts.columns("c", "On time", "Share on time", List.of(new Bar("Mon", 100, "100 %"),
                new Bar("Tue", 50, "50 %"), new Bar("Wed", 0, "0 % of 3", true)), 100, " %", "On time");
        Document svg = parse(chart);
        assertEquals("img", svg.getDocumentElement().getAttribute("role"));
        List<Element> bars = bars(svg);
        assertEquals(3, bars.size());
        double full = Double.parseDouble(bars.get(0).getAttribute("height"));
        assertEquals(full / 2, Double.parseDouble(bars.get(1).getAttribute("height")), 0.1);
        assertEquals(3.0, Double.parseDouble(bars.get(2).getAttribute("height")), 0.01, "a flagged zero stays visible");
        assertEquals(SvgCharts.RED, bars.get(2).getAttribute("fill"));
        assertEquals(List.of(List.of("", "On time"), List.of("Mon", "100 %"), List.of("Tue", "50 %"),
                List.of("Wed", "0 % of 3")), chart.table());
    }

    @Test
    void labelsAreEscapedAndAnEmptyChartSaysSo() throws Exception {
        Chart chart = SvgCharts.horizontalBars("r", "Reasons <&>", "x", List.of(new Bar("<script>\"'&", 2, "2")),
                "Incidents");
        assertTrue(chart.svg().contains("&lt;script&gt;&quot;&#39;&amp;"));
        assertEquals(1, bars(parse(chart)).size());

        Chart empty = SvgCharts.columns("e", "Empty", "nothing", List.of(), 10, "", "Orders");
        assertTrue(empty.empty());
        assertTrue(empty.svg().contains("No data in this period"));
        assertEquals(0, bars(parse(empty)).size());
    }

    @Test
    void groupedColumnsDrawEverySeriesForEveryCategory() throws Exception {
        Chart chart = SvgCharts.groupedColumns("f", "Funnel", "by channel", List.of("SMS", "E-mail"),
                List.of(new Series("Queued", SvgCharts.BLUE, List.of(10.0, 8.0)),
                        new Series("Sent", SvgCharts.AMBER, List.of(9.0, 8.0)),
                        new Series("Failed", SvgCharts.RED, List.of(1.0, 0.0))), "");
        assertEquals(6, bars(parse(chart)).size());
        assertEquals(List.of("SMS", "10", "9", "1"), chart.table().get(1));
    }

    @Test
    void axisMaximaAreRound() {
        assertEquals(1, SvgCharts.niceMax(0));
        assertEquals(5, SvgCharts.niceMax(3.2));
        assertEquals(100, SvgCharts.niceMax(100));
        assertEquals(2000, SvgCharts.niceMax(1234));
    }
}
