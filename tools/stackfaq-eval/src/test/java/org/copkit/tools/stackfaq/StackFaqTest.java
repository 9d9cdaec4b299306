package org.copkit.tools.stackfaq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFaqTest {
    @Test
    void readsThreadsSkipsPlaceholdersAndThreadsWithoutAnswers(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("faq.xml");
        Files.writeString(f, """
                <root>
                <qapair><rephr>
                How to cross out text on &lt;github&gt;?
                </rephr><rephr>*</rephr>
                <question> Strikethrough with GitHub Markdown </question>
                <answer>   Use ~~tildes~~.  </answer><answer>Use &lt;del&gt;</answer></qapair>
                <qapair><rephr>orphan</rephr><question>No answers</question></qapair>
                </root>
                """);
        StackFaq faq = StackFaq.read(f);
        assertThat(faq.threads()).containsExactly(new StackFaq.Thread("Strikethrough with GitHub Markdown",
                List.of("Use ~~tildes~~.", "Use <del>"), List.of("How to cross out text on <github>?")));
    }

    @Test
    void scoresCountRanksWithinTheTopTen() {
        StackFaqEval.Scores s = StackFaqEval.Scores.of("x", List.of(1, 2, 0, 5), 1.0);
        assertThat(s.recall1()).isEqualTo(0.25);
        assertThat(s.recall5()).isEqualTo(0.75);
        assertThat(s.recall10()).isEqualTo(0.75);
        assertThat(s.mrr10()).isEqualTo((1 + 0.5 + 0.2) / 4);
        assertThat(s.toString()).contains("recall@1=0.250", "recall@5=0.750", "recall@10=0.750", "mrr@10=0.425");
    }
}
