package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.testkit.SearchFixtures.NL;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dutch analysis on real text: the Dutch LibreOffice help and the Dutch Debian FAQ from
 * {@code ../shared/data} next to the project root. Skipped, with a message, when that folder is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DutchCorpusTest {
    /** The shared data folder: the project root is the module's parent, the data sits beside it. */
    static final Path DATA = Path.of("..", "..", "shared", "data").toAbsolutePath().normalize();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int PAGES = 800;

    private LuceneSearchIndex index;
    private final Map<String, String> texts = new java.util.HashMap<>();

    @BeforeAll
    void load() throws IOException {
        Path help = DATA.resolve("libreoffice-help-nl/libreoffice-help-nl-7.4.lines.tsv.gz");
        Path faq = DATA.resolve("debian-faq-nl/debian-faq.nl.txt.gz");
        Assumptions.assumeTrue(Files.exists(help) && Files.exists(faq),
                "Dutch corpora not found under " + DATA + " (../shared/data beside the project root); skipping");
        index = LuceneSearchIndex.inMemory();
        List<SearchDocument> docs = new ArrayList<>();
        for (String line : lines(help)) {
            String[] f = line.split("\t", 3);
            if (f.length == 3 && docs.size() < PAGES) {
                String id = "lo" + docs.size();
                String body = f[2].length() > 20_000 ? f[2].substring(0, 20_000) : f[2];
                texts.put(id, f[1] + " " + body);
                docs.add(item(id).title(f[1]).body(body).language(NL).build());
            }
        }
        StringBuilder para = new StringBuilder();
        int n = 0;
        for (String line : lines(faq)) {
            if (line.isBlank()) {
                if (para.length() > 80) {
                    String id = "faq" + n++;
                    String text = para.toString().strip();
                    texts.put(id, text);
                    docs.add(item(id).title(text.substring(0, Math.min(60, text.length()))).body(text).language(NL).build());
                }
                para.setLength(0);
            } else {
                para.append(line.strip()).append(' ');
            }
        }
        for (int i = 0; i < docs.size(); i += 250) {
            index.index(docs.subList(i, Math.min(docs.size(), i + 250)));
        }
    }

    @AfterAll
    void close() {
        if (index != null) {
            index.close();
        }
    }

    private static List<String> lines(Path gz) throws IOException {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    private Set<String> docsWhere(Predicate<String> tokenTest) {
        return texts.entrySet().stream()
                .filter(e -> WORD.matcher(e.getValue().toLowerCase(Locale.ROOT)).results()
                        .anyMatch(m -> tokenTest.test(m.group())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private Set<String> found(String text) {
        return new HashSet<>(LanguageTest.allIds(index, SearchQuery.of(text)));
    }

    @Test
    @DisplayName("LibreOffice help: werkbalk finds every page with a compound containing it (opmaakwerkbalk, werkbalkpictogram)")
    void compoundsInLibreOfficeHelp() {
        Set<String> exact = docsWhere(w -> w.equals("werkbalk"));
        Set<String> compounds = docsWhere(w -> w.length() >= 7 && w.contains("werkbalk"));

        Set<String> found = found("werkbalk");

        assertThat(exact).isNotEmpty();
        assertThat(compounds).hasSizeGreaterThan(exact.size());
        assertThat(found).containsAll(compounds).containsAll(exact);
    }

    @Test
    @DisplayName("LibreOffice help: dialoogvensters (plural) finds pages with dialoogvenster, snippets marked and escaped")
    void pluralsAndSnippets() {
        Set<String> singular = docsWhere(w -> w.equals("dialoogvenster"));

        Set<String> found = found("dialoogvensters");

        assertThat(found).containsAll(singular);
        List<SearchHit> hits = index.query(SearchQuery.of("dialoogvensters"), system()).hits();
        assertThat(hits).isNotEmpty().allSatisfy(h -> {
            assertThat(h.snippet()).containsPattern("(?i)<mark>[^<]*dialoogvenster[^<]*</mark>");
            assertThat(h.snippet().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
        });
    }

    @Test
    @DisplayName("Debian FAQ: pakket finds paragraphs that only say pakketten or debian-pakketten")
    void pluralsInFaq() {
        Set<String> plural = docsWhere(w -> w.equals("pakketten"));

        assertThat(plural).isNotEmpty();
        assertThat(found("pakket")).containsAll(plural);
    }

    @Test
    @DisplayName("Debian FAQ: a phrase matches only adjacent words; an exclusion removes documents")
    void phraseAndExclusion() {
        Set<String> all = found("pakketten");
        Set<String> withoutDebian = found("pakketten -debian");

        assertThat(withoutDebian).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(found("\"debian pakketten\"")).isSubsetOf(found("debian pakketten"));
    }

    @Test
    @DisplayName("a typo finds the right pages through the fuzzy fallback and did-you-mean offers the word")
    void typoTolerance() {
        var r = index.query(SearchQuery.of("werkbalkk"), system());

        assertThat(r.total()).isPositive();
        assertThat(r.didYouMean()).contains("werkbalk");
    }
}
