package org.copkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs {@link KitWriteToSearchable} on H2 for a few seconds, to prove that another member finds the published probes. */
class KitWriteToSearchableSmokeTest {
    @Test
    void anotherMemberFindsEveryPublishedProbe() throws Exception {
        Map<String, double[]> samples = KitWriteToSearchable.run("h2", 1, 3, 10, 50);
        assertThat(samples.get("searchable")).isNotEmpty();
        assertThat(samples.get("create")).isNotEmpty();
    }
}
