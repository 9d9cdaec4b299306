package org.copkit.benchmarks.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the figures of docs/benchmarks.md: every {@code <figure>.csv} of the data directory (written by
 * {@link Results}) becomes {@code <figure>.png} in the image directory, one line per series, x ascending;
 * when a series has several rows for one x, the last one counts. Title, axis labels and logarithmic axes
 * come from {@link #FIGURES}; a figure not listed there is drawn with its file name as title.
 *
 * <pre>
 * benchmarks/bin/plots                       # docs/perf/figures -> docs/images
 * java -cp benchmarks/target/benchmarks.jar org.copkit.benchmarks.plot.Plots DATA_DIR IMAGE_DIR
 * </pre>
 */
public final class Plots {
    /** How a figure is labelled. */
    record Figure(String title, String x, String y, boolean logX, boolean logY) {}

    static final Map<String, Figure> FIGURES = Map.of(
            "digest-send-all", new Figure("Sending every weekly digest", "members", "seconds", true, true),
            "scale-p50", new Figure("One call at organisation scale (p50)", "members", "ms", true, true),
            "search-p50", new Figure("Search latency against corpus size (p50)", "documents", "ms", true, true),
            "search-p99", new Figure("Search latency against corpus size (p99)", "documents", "ms", true, true));

    private Plots() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "docs/perf/figures");
        Path images = Path.of(args.length > 1 ? args[1] : "docs/images");
        Files.createDirectories(images);
        List<Path> files;
        try (Stream<Path> s = Files.list(data)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
            Path png = images.resolve(name + ".png");
            ChartUtils.saveChartAsPNG(png.toFile(), chart(name, read(file)), 800, 480);
            System.out.println("wrote " + png);
        }
    }

    /** @return series name -> (x -> y), series in order of first appearance */
    static Map<String, TreeMap<Double, Double>> read(Path file) throws IOException {
        Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(Results.HEADER).setSkipHeaderRecord(true).build();
            for (CSVRecord row : format.parse(r)) {
                series.computeIfAbsent(row.get("series"), k -> new TreeMap<>())
                        .put(Double.parseDouble(row.get("x")), Double.parseDouble(row.get("y")));
            }
        }
        return series;
    }

    static JFreeChart chart(String name, Map<String, TreeMap<Double, Double>> series) {
        Figure f = FIGURES.getOrDefault(name, new Figure(name, "x", "y", false, false));
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((label, points) -> {
            XYSeries s = new XYSeries(label);
            points.forEach(s::add);
            data.addSeries(s);
        });
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, axis(f.x(), f.logX()), axis(f.y(), f.logY()), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(f.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis a = new LogAxis(label);
            a.setBase(10);
            a.setSmallestValue(1e-3);
            // a tick at every power of ten, written out (1,000 rather than 10^3)
            a.setTickUnit(new NumberTickUnit(1));
            a.setMinorTickMarksVisible(true);
            a.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ENGLISH)));
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(true);
        return a;
    }
}
