package org.copkit.benchmarks.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the output of {@link org.copkit.benchmarks.search.InterleavedSearch} into points of the figures
 * {@code search-p50} and {@code search-p99} (x: documents), one series per side and query class, for the
 * classes and sides a reader compares: {@code match} and {@code nomatch-absent}, each of CoPKit, the bare
 * {@code IndexSearcher} and PostgreSQL. Writes through {@link Results}, so run it with
 * {@code -Dcopkit.bench.results=DIR}.
 *
 * <pre>
 * java -Dcopkit.bench.results=docs/perf/figures -cp benchmarks/target/benchmarks.jar \
 *     org.copkit.benchmarks.plot.InterleavedLog run-176k.log run-1m.log
 * </pre>
 */
public final class InterleavedLog {
    static final Set<String> CLASSES = Set.of("match", "nomatch-absent");
    static final Set<String> SIDES = Set.of("copkit", "bare", "postgres");
    private static final Pattern CORPUS = Pattern.compile("^\\S+ (\\d+) documents, \\d+ queries per class");
    private static final Pattern CLASS = Pattern.compile("^(\\S+)\\s+\\(\\d+ samples\\)");
    private static final Pattern LOAD = Pattern.compile("^load average at (?:start|end): (\\S+)");
    private static final Pattern SIDE = Pattern.compile("^  (\\S+)\\s+([\\d.]+) /\\s+[\\d.]+ /\\s+([\\d.]+)\\s+\\(");

    private InterleavedLog() {}

    public static void main(String[] args) throws IOException {
        for (String log : args) {
            read(Files.readAllLines(Path.of(log), StandardCharsets.UTF_8));
        }
    }

    /** Records the points of one log's summary. */
    static void read(List<String> lines) {
        long documents = -1;
        String cls = null;
        List<String> loads = new java.util.ArrayList<>();
        for (String line : lines) {
            Matcher m = LOAD.matcher(line);
            if (m.find()) {
                loads.add(m.group(1));
            }
        }
        String load = String.join(" to ", loads);
        for (String line : lines) {
            Matcher m;
            if ((m = CORPUS.matcher(line)).find()) {
                documents = Long.parseLong(m.group(1));
            } else if ((m = CLASS.matcher(line)).find()) {
                cls = m.group(1);
            } else if ((m = SIDE.matcher(line)).find() && documents > 0 && CLASSES.contains(cls)
                    && SIDES.contains(m.group(1))) {
                String series = name(m.group(1)) + ", " + cls;
                Results.record("search-p50", series, documents, Double.parseDouble(m.group(2)), load);
                Results.record("search-p99", series, documents, Double.parseDouble(m.group(3)), load);
            }
        }
    }

    private static String name(String side) {
        return switch (side) {
            case "copkit" -> "CoPKit";
            case "bare" -> "bare IndexSearcher";
            default -> "PostgreSQL FTS";
        };
    }
}
