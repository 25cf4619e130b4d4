package io.quiver.bench.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The two PNGs: SIFT-small's recall/throughput curves and the per-workload ratio chart. */
final class Charts {
    static final String RECALL_PNG = "ann-recall-vs-qps.png";
    static final String RATIO_PNG = "quiver-vs-lance.png";

    private Charts() {}

    /** One line per index (series), recall@10 across, queries/s up on a log scale (up and right is better). */
    static void recallCurve(List<AnnComparison.Point> points, Path file) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (AnnComparison.Point p : points) {
            series.computeIfAbsent(p.setting().series(), name -> new XYSeries(name, false))
                    .add(p.recall(), p.queriesPerSecond());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "SIFT-small, k = 10, one query thread (up and right is better)",
                "recall@10",
                "queries/s",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(plainLog("queries/s (log)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 600);
    }

    /** One bar per measured workload: how many times better Quiver is (log scale; 1 = even, 2 = the goal). */
    static void ratios(Results results, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Results.Comparison c : results.comparisons()) {
            if (c.bothMeasured()) {
                // The ANN rows differ by recall level only: "ANN SIFT-small at recall@10 >= 0.950".
                String metric = c.metric().name();
                String label = c.workload() + (metric.contains(" at ") ? metric.substring(metric.indexOf(" at ")) : "");
                data.addValue(c.quiverAdvantage(), "Quiver vs Lance", label);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Quiver vs Lance: above 1 Quiver is better, below 1 Lance is",
                null,
                "times better (log)",
                data,
                PlotOrientation.HORIZONTAL,
                false,
                false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxis(plainLog("Quiver vs Lance, times better (log)"));
        // Bars grow from 1 (even): rightwards where Quiver is better, leftwards where Lance is.
        ((BarRenderer) plot.getRenderer()).setBase(1.0);
        plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f)));
        plot.addRangeMarker(new ValueMarker(2.0, Color.GRAY, new BasicStroke(1f)));
        plot.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 120 + 36 * Math.max(1, data.getColumnCount()));
    }

    /** A log axis labelled with plain numbers (JFreeChart's default is powers of ten: 10^0.3). */
    private static LogAxis plainLog(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        return axis;
    }
}
