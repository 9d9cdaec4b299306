package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation honest: every block between {@code // SNIPPET <doc path>} and
 * {@code // END SNIPPET} in these tests (which compile and run) must appear verbatim, de-indented, in
 * the named Markdown file of the repository.
 */
class DocSnippetsTest {
    private static final Path ROOT = Path.of("../..");

    record Snippet(Path source, String doc, String code) {}

    static List<Snippet> snippets() throws IOException {
        List<Snippet> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).strip();
                    if (l.startsWith("// SNIPPET ")) {
                        String doc = l.substring("// SNIPPET ".length()).strip();
                        int indent = lines.get(i).indexOf("//");
                        List<String> body = new ArrayList<>();
                        for (i++; !lines.get(i).strip().equals("// END SNIPPET"); i++) {
                            String line = lines.get(i);
                            body.add(line.length() >= indent ? line.substring(indent) : line.strip());
                        }
                        out.add(new Snippet(f, doc, String.join("\n", body)));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everySnippet_appearsVerbatimInItsDocument() throws IOException {
        List<Snippet> snippets = snippets();
        assertThat(snippets).extracting(Snippet::doc).contains("README.md", "docs/getting-started.md");
        for (Snippet s : snippets) {
            String doc = Files.readString(ROOT.resolve(s.doc()), StandardCharsets.UTF_8);
            assertThat(doc).as("%s shows the snippet from %s", s.doc(), s.source()).contains(s.code());
        }
    }

    @Test
    void everyJavaBlockInTheDocs_comesFromACompiledSnippet() throws IOException {
        List<String> snippets = snippets().stream().map(Snippet::code).toList();
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            int at = 0;
            while ((at = text.indexOf("```java\n", at)) >= 0) {
                int end = text.indexOf("\n```", at);
                String block = text.substring(at + "```java\n".length(), end);
                assertThat(snippets).as("the java block in %s starting '%s' is compiled by a snippet test", doc,
                        block.lines().findFirst().orElse("")).anyMatch(s -> s.contains(block));
                at = end + 4;
            }
        }
    }
}
