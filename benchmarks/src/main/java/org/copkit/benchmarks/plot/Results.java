package org.copkit.benchmarks.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Where benchmarks put the figures that {@link Plots} draws: with {@code -Dcopkit.bench.results=DIR} every
 * {@link #record} appends one row ({@code series, x, y, load, at}) to {@code DIR/<figure>.csv}, the file
 * created with its header when absent; without the property it does nothing. The files of record live in
 * {@code docs/perf/figures}; a run appends to them and the rows to keep are chosen by hand (the newest row of
 * a series and x wins when plotting).
 */
public final class Results {
    /** The columns of a figure's file. */
    static final String[] HEADER = {"series", "x", "y", "load", "at"};

    private Results() {}

    /** @return how a figure names a database kind of the benchmarks ({@code h2}, {@code postgres}) */
    public static String backend(String kind) {
        return switch (kind) {
            case "h2" -> "H2";
            case "postgres" -> "PostgreSQL";
            default -> kind;
        };
    }

    /**
     * Appends one point of a figure, when {@code -Dcopkit.bench.results} names a directory.
     *
     * @param figure the figure's name, also its file name ({@link Plots} knows its title and axes)
     * @param series the line the point belongs to, e.g. {@code "H2: send all"}
     * @param x the x value, e.g. members
     * @param y the y value in the figure's unit
     */
    public static void record(String figure, String series, double x, double y) {
        record(figure, series, x, y, String.format(java.util.Locale.ROOT, "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    /**
     * Appends one point measured earlier, with the load average of its run.
     *
     * @param load the 1-minute load average(s) while it was measured, as the run printed them
     */
    static void record(String figure, String series, double x, double y, String load) {
        String dir = System.getProperty("copkit.bench.results");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path file = Path.of(dir).resolve(figure + ".csv");
        try {
            Files.createDirectories(file.getParent());
            boolean fresh = !Files.exists(file);
            CSVFormat format = fresh ? CSVFormat.DEFAULT.builder().setHeader(HEADER).build() : CSVFormat.DEFAULT;
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND); CSVPrinter out = new CSVPrinter(w, format)) {
                out.printRecord(series, x, y, load, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a result in " + file, e);
        }
    }
}
