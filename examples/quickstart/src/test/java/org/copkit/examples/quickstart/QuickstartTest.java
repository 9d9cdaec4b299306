package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.copkit.search.SearchResult;
import org.junit.jupiter.api.Test;

class QuickstartTest {

    @Test
    void run_printsTheSharedLesson_andHidesTheProvinceOnlyDecisionFromTheMunicipality() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SearchResult result = Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(result.total()).isEqualTo(1);
        assertThat(result.hits().get(0).title()).startsWith("Warmtepompsubsidie");
        assertThat(out).contains("Bram searches 'warmtepomp subsidie': 1 hit(s)")
                .contains("Anna finds 2 hit(s)")
                .doesNotContain("Budget warmtepompsubsidie 2027")
                .contains("Carla's question is ANSWERED")
                .contains("Already answered? Wanneer vraag ik warmtepompsubsidie aan?")
                .contains("Bram CONFIRMED, Carla WAITLISTED")
                .contains("Bram declines: 1 confirmed, 0 waitlisted; Carla is now CONFIRMED");
    }
}
