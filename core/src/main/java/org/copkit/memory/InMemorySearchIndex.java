package org.copkit.memory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.domain.CompetencyId;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;
import org.copkit.search.ContributionFacts;
import org.copkit.search.ExpertQuery;
import org.copkit.search.Facet;
import org.copkit.search.MemberEvidence;
import org.copkit.search.PeerMatch;
import org.copkit.search.PeerQuery;
import org.copkit.search.ProfileFacts;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.copkit.spi.SearchIndex;

/**
 * The reference {@link SearchIndex}: documents in a map, matched by folded word tokens. Scores
 * simply (term frequency, title counts three times) but honours the whole contract: visibility on
 * every path, filters, facets, highlights, paging, suggestions and similar documents. Understands
 * words, {@code "phrases"}, {@code -exclusions} and {@code OR}. For tests and small installations;
 * use the Lucene backend for real search. Thread-safe.
 */
public final class InMemorySearchIndex implements SearchIndex {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern QUERY_PART = Pattern.compile("(-?)\"([^\"]*)\"?|(\\S+)");
    /** Statuses {@link #similar} returns: current knowledge items and answered questions. */
    private static final Set<String> CURRENT = Set.of("PUBLISHED", "NEEDS_REVIEW", "ANSWERED");
    private static final int SNIPPET = 160;

    private volatile Map<Ref, Indexed> docs = new ConcurrentHashMap<>();
    private final AtomicLong checkpoint = new AtomicLong();

    private record Indexed(SearchDocument doc, List<String> titleTokens, List<String> bodyTokens, String folded) {}

    /** Creates an empty index. */
    public InMemorySearchIndex() {}

    static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        return d.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(fold(s));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Indexed analyse(SearchDocument d) {
        List<String> title = tokens(d.title());
        List<String> body = tokens(d.body() + " " + String.join(" ", d.tags()));
        return new Indexed(d, title, body, " " + String.join(" ", title) + " " + String.join(" ", body) + " ");
    }

    @Override
    public synchronized void index(List<SearchDocument> documents) {
        Map<Ref, Indexed> target = docs;
        for (SearchDocument d : documents) {
            target.put(d.ref(), analyse(d));
        }
    }

    @Override
    public synchronized void delete(List<Ref> refs) {
        Map<Ref, Indexed> target = docs;
        refs.forEach(target::remove);
    }

    /** A parsed user query: required, optional (OR) and excluded terms and phrases. */
    private record Parsed(List<List<String>> required, List<List<String>> anyOf, List<List<String>> excluded) {
        boolean matchesAll() {
            return required.isEmpty() && anyOf.isEmpty();
        }

        List<String> positiveTerms() {
            return Stream.concat(required.stream(), anyOf.stream()).flatMap(List::stream).distinct().toList();
        }
    }

    private static Parsed parse(String text) {
        List<List<String>> required = new ArrayList<>();
        List<List<String>> anyOf = new ArrayList<>();
        List<List<String>> excluded = new ArrayList<>();
        List<List<String>> pending = new ArrayList<>();
        boolean or = false;
        Matcher m = QUERY_PART.matcher(text);
        while (m.find()) {
            boolean negative;
            List<String> terms;
            if (m.group(2) != null) {
                negative = !m.group(1).isEmpty();
                terms = tokens(m.group(2));
            } else {
                String word = m.group(3);
                if (word.equals("OR")) {
                    or = true;
                    continue;
                }
                negative = word.startsWith("-") && word.length() > 1;
                terms = tokens(negative ? word.substring(1) : word);
            }
            if (terms.isEmpty()) {
                continue;
            }
            if (negative) {
                excluded.add(terms);
            } else {
                pending.add(terms);
            }
        }
        if (or) {
            anyOf.addAll(pending);
        } else {
            required.addAll(pending);
        }
        return new Parsed(required, anyOf, excluded);
    }

    private static boolean contains(Indexed d, List<String> phrase) {
        return d.folded.contains(" " + String.join(" ", phrase) + " ");
    }

    private static double score(Indexed d, List<String> terms) {
        double s = 0;
        for (String t : terms) {
            s += 3 * d.titleTokens.stream().filter(t::equals).count() + d.bodyTokens.stream().filter(t::equals).count();
        }
        return s;
    }

    private static boolean filtersAdmit(SearchQuery q, SearchDocument d) {
        if (!q.types().isEmpty() && !q.types().contains(d.type())) {
            return false;
        }
        if (!q.communities().isEmpty() && d.community().map(c -> !q.communities().contains(c)).orElse(true)) {
            return false;
        }
        if (!q.practices().isEmpty() && d.practice().map(p -> !q.practices().contains(p)).orElse(true)) {
            return false;
        }
        if (!d.tags().containsAll(q.tags())) {
            return false;
        }
        if (!q.languages().isEmpty()
                && q.languages().stream().noneMatch(l -> l.getLanguage().equals(d.language().getLanguage()))) {
            return false;
        }
        if (!statusAdmitted(q.statuses(), d)) {
            return false;
        }
        if (q.updatedFrom().map(f -> d.updatedAt().isBefore(f)).orElse(false)) {
            return false;
        }
        return !q.updatedTo().map(t -> !d.updatedAt().isBefore(t)).orElse(false);
    }

    private static boolean statusAdmitted(Set<String> statuses, SearchDocument d) {
        if (!statuses.isEmpty()) {
            return statuses.contains(d.status());
        }
        return d.type() != ObjectType.KNOWLEDGE_ITEM || CURRENT.contains(d.status());
    }

    @Override
    public SearchResult query(SearchQuery q, ViewerScope scope) {
        Parsed p = parse(q.text());
        List<String> positive = p.positiveTerms();
        List<Map.Entry<Indexed, Double>> matches = new ArrayList<>();
        for (Indexed d : docs.values()) {
            if (!scope.canSee(d.doc.visibility()) || !filtersAdmit(q, d.doc)) {
                continue;
            }
            if (p.excluded.stream().anyMatch(x -> contains(d, x))) {
                continue;
            }
            if (!p.required.stream().allMatch(x -> contains(d, x))) {
                continue;
            }
            if (!p.anyOf.isEmpty() && p.anyOf.stream().noneMatch(x -> contains(d, x))) {
                continue;
            }
            matches.add(Map.entry(d, score(d, positive)));
        }
        Comparator<Map.Entry<Indexed, Double>> recency = Comparator.comparing(
                (Map.Entry<Indexed, Double> e) -> e.getKey().doc.updatedAt()).reversed();
        Comparator<Map.Entry<Indexed, Double>> byRef = Comparator.comparing(e -> e.getKey().doc.ref().toString());
        Comparator<Map.Entry<Indexed, Double>> order = q.sort() == SearchQuery.Sort.RECENCY
                ? recency.thenComparing(byRef)
                : Comparator.comparing((Map.Entry<Indexed, Double> e) -> e.getValue()).reversed().thenComparing(recency)
                        .thenComparing(byRef);
        matches.sort(order);
        List<SearchHit> hits = matches.stream().skip(q.offset()).limit(q.limit())
                .map(e -> hit(e.getKey(), e.getValue(), positive)).toList();
        // every match is in memory anyway: the total is always exact
        return new SearchResult(hits, matches.size(),
                q.facets() ? facets(matches.stream().map(e -> e.getKey().doc).toList()) : Map.of(), Optional.empty());
    }

    private static Map<Facet, Map<String, Long>> facets(List<SearchDocument> matched) {
        Map<Facet, Map<String, Long>> out = new EnumMap<>(Facet.class);
        out.put(Facet.TYPE, count(matched, d -> Stream.of(d.type().name())));
        out.put(Facet.COMMUNITY, count(matched, d -> d.community().stream().map(c -> c.value())));
        out.put(Facet.PRACTICE, count(matched, d -> d.practice().stream().map(p -> p.value())));
        out.put(Facet.TAG, count(matched, d -> d.tags().stream()));
        out.put(Facet.LANGUAGE, count(matched, d -> Stream.of(d.language().getLanguage())));
        return out;
    }

    private static Map<String, Long> count(List<SearchDocument> docs, Function<SearchDocument, Stream<String>> values) {
        Map<String, Long> counts = docs.stream().flatMap(values)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static SearchHit hit(Indexed d, double score, List<String> terms) {
        SearchDocument doc = d.doc;
        return new SearchHit(doc.ref(), doc.title(), snippet(doc.body().isBlank() ? doc.title() : doc.body(), terms),
                doc.community(), doc.language(), doc.status(), doc.updatedAt(), score);
    }

    /** An excerpt around the first match, HTML-escaped, with matching words in {@code <mark>}. */
    static String snippet(String text, List<String> terms) {
        Set<String> wanted = new java.util.HashSet<>(terms);
        Matcher m = TOKEN.matcher(text);
        int start = 0;
        int match = 0;
        while (m.find()) {
            if (wanted.contains(fold(m.group()))) {
                match = m.start();
                start = Math.max(0, match - 40);
                break;
            }
        }
        // begin after white space, but never past the match (text without spaces before it)
        while (start > 0 && start < match && !Character.isWhitespace(text.charAt(start - 1))) {
            start++;
        }
        int end = Math.min(text.length(), start + SNIPPET);
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        String excerpt = text.substring(start, end);
        StringBuilder out = new StringBuilder();
        if (start > 0) {
            out.append("… ");
        }
        Matcher w = TOKEN.matcher(excerpt);
        int last = 0;
        while (w.find()) {
            out.append(escape(excerpt.substring(last, w.start())));
            String word = excerpt.substring(w.start(), w.end());
            if (wanted.contains(fold(word))) {
                out.append("<mark>").append(escape(word)).append("</mark>");
            } else {
                out.append(escape(word));
            }
            last = w.end();
        }
        out.append(escape(excerpt.substring(last)));
        if (end < text.length()) {
            out.append(" …");
        }
        return out.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public List<SearchHit> similar(SimilarQuery q, ViewerScope scope) {
        List<String> terms = tokens(q.text()).stream().filter(t -> t.length() > 2).distinct().toList();
        if (terms.isEmpty()) {
            return List.of();
        }
        Map<Ref, Indexed> all = docs;
        Map<String, Long> df = new HashMap<>();
        for (Indexed d : all.values()) {
            Set<String> seen = new java.util.HashSet<>(d.titleTokens);
            seen.addAll(d.bodyTokens);
            terms.stream().filter(seen::contains).forEach(t -> df.merge(t, 1L, Long::sum));
        }
        int n = Math.max(1, all.size());
        List<Map.Entry<Indexed, Double>> scored = new ArrayList<>();
        for (Indexed d : all.values()) {
            SearchDocument doc = d.doc;
            if (!scope.canSee(doc.visibility()) || !CURRENT.contains(doc.status())
                    || (!q.types().isEmpty() && !q.types().contains(doc.type()))
                    || q.exclude().map(doc.ref()::equals).orElse(false)) {
                continue;
            }
            double s = 0;
            for (String t : terms) {
                long tf = 2 * d.titleTokens.stream().filter(t::equals).count()
                        + d.bodyTokens.stream().filter(t::equals).count();
                if (tf > 0) {
                    s += (1 + Math.log(tf)) * Math.log(1.0 + (double) n / df.getOrDefault(t, 1L));
                }
            }
            if (s > 0) {
                scored.add(Map.entry(d, s));
            }
        }
        scored.sort(Comparator.comparing((Map.Entry<Indexed, Double> e) -> e.getValue()).reversed()
                .thenComparing(e -> e.getKey().doc.ref().toString()));
        return scored.stream().limit(q.limit()).map(e -> hit(e.getKey(), e.getValue(), terms)).toList();
    }

    @Override
    public List<String> suggest(String prefix, ViewerScope scope, int limit) {
        String p = fold(prefix).strip();
        if (p.isEmpty() || limit < 1) {
            return List.of();
        }
        TreeSet<String> titles = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        TreeSet<String> tags = new TreeSet<>();
        for (Indexed d : docs.values()) {
            SearchDocument doc = d.doc;
            if (!scope.canSee(doc.visibility()) || !statusAdmitted(Set.of(), doc)) {
                continue;
            }
            String title = fold(doc.title());
            // a prefix of the title, of a text following white space, or of any title word
            if (title.startsWith(p) || title.contains(" " + p)
                    || d.titleTokens.stream().anyMatch(t -> t.startsWith(p))) {
                titles.add(doc.title());
            }
            doc.tags().stream().filter(t -> fold(t).startsWith(p)).forEach(tags::add);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>(tags);
        out.addAll(titles);
        return out.stream().limit(limit).toList();
    }

    /** Contribution tallies of one member while {@link #experts} runs. */
    private static final class Tally {
        final Map<ObjectType, TreeSet<String>> refs = new EnumMap<>(ObjectType.class);
        final Map<ObjectType, Integer> counts = new EnumMap<>(ObjectType.class);

        void add(Ref ref) {
            counts.merge(ref.type(), 1, Integer::sum);
            refs.computeIfAbsent(ref.type(), t -> new TreeSet<>()).add(ref.id());
        }
    }

    @Override
    public List<MemberEvidence> experts(ExpertQuery q, ViewerScope scope) {
        Map<Ref, Indexed> all = docs;
        Map<MemberId, Tally> tallies = new HashMap<>();
        for (Indexed d : all.values()) {
            SearchDocument doc = d.doc;
            if (doc.contribution().isEmpty() || !scope.canSee(doc.visibility())) {
                continue;
            }
            ContributionFacts c = doc.contribution().get();
            if (c.countsFrom().map(f -> f.isAfter(q.now())).orElse(false)) {
                continue;
            }
            boolean inScope = doc.community().map(q.communities()::contains).orElse(false)
                    && (doc.type() == ObjectType.SESSION || c.competencies().stream().anyMatch(q.competencies()::contains));
            if (inScope || q.alsoCounted().contains(doc.ref())) {
                c.contributors().forEach(m -> tallies.computeIfAbsent(m, k -> new Tally()).add(doc.ref()));
            }
        }
        List<MemberEvidence> out = new ArrayList<>();
        for (Indexed d : all.values()) {
            SearchDocument doc = d.doc;
            if (doc.profile().isEmpty() || !scope.canSee(doc.visibility())) {
                continue;
            }
            ProfileFacts p = doc.profile().get();
            if (p.member().equals(scope.member())) {
                continue;
            }
            Optional<Proficiency> declared = p.competences().entrySet().stream()
                    .filter(e -> q.competencies().contains(e.getKey())).map(Map.Entry::getValue)
                    .max(Comparator.naturalOrder());
            long endorsers = p.endorsers().entrySet().stream().filter(e -> q.competencies().contains(e.getKey()))
                    .flatMap(e -> e.getValue().stream()).distinct().count();
            Tally t = tallies.get(p.member());
            if (!q.everyone() && declared.isEmpty() && endorsers == 0 && t == null) {
                continue;
            }
            List<Ref> refs = new ArrayList<>();
            if (t != null) {
                t.refs.forEach((type, ids) -> ids.stream().limit(q.maxContributions())
                        .forEach(id -> refs.add(new Ref(type, id))));
            }
            out.add(new MemberEvidence(p.member(), declared, (int) endorsers,
                    t == null ? 0 : t.counts.getOrDefault(ObjectType.QUESTION, 0),
                    t == null ? 0 : t.counts.getOrDefault(ObjectType.KNOWLEDGE_ITEM, 0),
                    t == null ? 0 : t.counts.getOrDefault(ObjectType.SESSION, 0), refs));
        }
        return out;
    }

    @Override
    public List<PeerMatch> peers(PeerQuery q, ViewerScope scope) {
        List<PeerMatch> out = new ArrayList<>();
        for (Indexed d : docs.values()) {
            SearchDocument doc = d.doc;
            if (doc.profile().isEmpty() || !scope.canSee(doc.visibility())) {
                continue;
            }
            ProfileFacts p = doc.profile().get();
            if (p.member().equals(scope.member()) || !p.activeIn().contains(q.community())) {
                continue;
            }
            Set<CompetencyId> declared = p.competences().keySet();
            PeerMatch m = new PeerMatch(p.member(), intersect(declared, q.wanted()), intersect(declared, q.known()),
                    intersect(p.ambitions(), q.wanted()));
            if (m.score() > 0) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingInt(PeerMatch::score).reversed().thenComparing(m -> m.member().value()));
        return List.copyOf(out.subList(0, Math.min(q.limit(), out.size())));
    }

    private static Set<CompetencyId> intersect(Set<CompetencyId> a, Set<CompetencyId> b) {
        return a.stream().filter(b::contains).collect(Collectors.toSet());
    }

    @Override
    public synchronized void rebuild(Stream<SearchDocument> documents, long checkpoint) {
        Map<Ref, Indexed> fresh = new ConcurrentHashMap<>();
        documents.forEach(d -> fresh.put(d.ref(), analyse(d)));
        // writes are synchronized with the rebuild, so none lands in the old map and gets lost
        docs = fresh;
        this.checkpoint.set(checkpoint);
    }

    @Override
    public long checkpoint() {
        return checkpoint.get();
    }

    @Override
    public void checkpoint(long sequence) {
        checkpoint.set(sequence);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "InMemorySearchIndex";
    }
}
