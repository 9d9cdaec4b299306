package org.copkit.benchmarks.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    @Test
    void recordedPointsBecomeOnePngPerFigureWithTheLastRowPerXWinning() throws Exception {
        System.setProperty("copkit.bench.results", dir.toString());
        try {
            Results.record("digest-send-all", "H2: send all", 1_000, 7.5);
            Results.record("digest-send-all", "H2: send all", 10_000, 9.0);
            Results.record("digest-send-all", "H2: send all", 10_000, 5.1);
            Results.record("digest-send-all", "PostgreSQL: send all", 1_000, 2.0);
        } finally {
            System.clearProperty("copkit.bench.results");
        }
        var series = Plots.read(dir.resolve("digest-send-all.csv"));
        assertThat(series.keySet()).containsExactly("H2: send all", "PostgreSQL: send all");
        assertThat(series.get("H2: send all")).containsEntry(1_000.0, 7.5).containsEntry(10_000.0, 5.1).hasSize(2);

        Plots.main(new String[] {dir.toString(), dir.resolve("images").toString()});
        BufferedImage png = ImageIO.read(dir.resolve("images/digest-send-all.png").toFile());
        assertThat(png.getWidth()).isEqualTo(800);
        assertThat(png.getHeight()).isEqualTo(480);
    }

    @Test
    void withoutTheResultsPropertyNothingIsWritten() throws Exception {
        Results.record("scale-p50", "H2: one digest", 1_000, 12);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anInterleavedSearchSummaryBecomesSearchPoints() throws Exception {
        System.setProperty("copkit.bench.results", dir.toString());
        try {
            InterleavedLog.read(java.util.List.of(
                    "europarlx 1000000 documents, 200 queries per class and round, 2 rounds, 90 s warm-up",
                    "match      (400 samples)",
                    "  copkit       4.460 /   14.507 /   38.804  (7.123)",
                    "  bare         3.825 /   15.000 /   57.393  (6.815)",
                    "  samejob      5.208 /   18.375 /   58.876  (8.905)",
                    "nomatch    (400 samples)",
                    "  copkit       1.993 /    7.285 /   14.235  (3.113)"));
        } finally {
            System.clearProperty("copkit.bench.results");
        }
        var p50 = Plots.read(dir.resolve("search-p50.csv"));
        assertThat(p50.keySet()).containsExactly("CoPKit, match", "bare IndexSearcher, match");
        assertThat(p50.get("CoPKit, match")).containsEntry(1_000_000.0, 4.46);
        assertThat(Plots.read(dir.resolve("search-p99.csv")).get("bare IndexSearcher, match"))
                .containsEntry(1_000_000.0, 57.393);
    }
}
