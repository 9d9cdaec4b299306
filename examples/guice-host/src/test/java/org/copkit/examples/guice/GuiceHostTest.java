package org.copkit.examples.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.search.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiceHostTest {
    @Test
    void theGuiceWiredKitStoresInH2AndFindsWhatWasPublished(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SearchResult first = GuiceHost.run(JdbcStorage.builder().h2(dir), dir.resolve("index"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(first.total()).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("1 hit(s)").contains("JdbcStorage");

        // a second start on the same files finds the data again (and the index catches up from the feed)
        SearchResult again = GuiceHost.run(JdbcStorage.builder().h2(dir), dir.resolve("index"), new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8));
        assertThat(again.hits()).extracting(h -> h.title()).containsExactly("Write the runbook before the alert");
    }
}
