package org.copkit.lucene;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.copkit.ObjectType;
import org.copkit.access.AudienceLevel;
import org.copkit.access.ViewerScope;
import org.copkit.search.SearchQuery;

/**
 * Turns what a reader typed, the query's filters and the reader's scope into Lucene queries. Never
 * throws for any text: the user syntax is read by a small tolerant scanner (words, {@code "phrases"},
 * {@code -exclusions}, {@code OR}); everything else is text to analyse. Stateless apart from the
 * analysis.
 */
final class Queries {
    /** Most parts of a query text that are used; the rest is ignored (keeps the query small). */
    static final int MAX_PARTS = 24;
    /** Statuses of knowledge items returned by default. */
    static final Set<String> DEFAULT_ITEM_STATUSES = Set.of("PUBLISHED", "NEEDS_REVIEW");
    /** Statuses {@code similar} returns. */
    static final Set<String> CURRENT = Set.of("PUBLISHED", "NEEDS_REVIEW", "ANSWERED");

    private static final Pattern PART = Pattern.compile("(-?)\"([^\"]*)\"?|(\\S+)");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]+");
    private static final float TITLE_BOOST = 2f;

    private final Analysis analysis;
    private final QueryBuilder builder;

    Queries(Analysis analysis) {
        this.analysis = analysis;
        this.builder = new QueryBuilder(analysis.query());
    }

    /** One part of the user's text. */
    record Part(String text, List<String> words, boolean phrase, boolean negative, boolean optional) {}

    /** The user's text, scanned. */
    record Parsed(List<Part> parts, boolean or) {
        List<Part> positive() {
            return parts.stream().filter(p -> !p.negative()).toList();
        }

        boolean hasPositive() {
            return parts.stream().anyMatch(p -> !p.negative());
        }
    }

    /** Scans the text; control and unassigned characters are spaces; parts without words are dropped. */
    Parsed parse(String text, int maxParts) {
        String clean = CONTROL.matcher(text).replaceAll(" ");
        List<Part> parts = new ArrayList<>();
        boolean or = false;
        Matcher m = PART.matcher(clean);
        while (m.find() && parts.size() < maxParts) {
            boolean phrase = m.group(2) != null;
            String raw;
            boolean negative;
            if (phrase) {
                raw = m.group(2);
                negative = !m.group(1).isEmpty();
            } else {
                raw = m.group(3);
                if (raw.equals("OR")) {
                    or = true;
                    continue;
                }
                negative = raw.startsWith("-") && raw.length() > 1;
                if (negative) {
                    raw = raw.substring(1);
                }
            }
            List<String> words = analysis.surfaceTokens(raw);
            if (words.isEmpty()) {
                continue;
            }
            boolean optional = !negative && words.stream().allMatch(Analysis::isStopWord);
            parts.add(new Part(raw, words, phrase, negative, optional));
        }
        if (parts.stream().allMatch(x -> x.negative() || x.optional())) {
            // a query of stop words only: then they are what the reader looks for
            parts.replaceAll(x -> new Part(x.text(), x.words(), x.phrase(), x.negative(), false));
        }
        return new Parsed(parts, or);
    }

    /**
     * The text query: for each language group, the parts analysed with that group's analyzer over the
     * group's title (boosted), body and the tags, restricted to the group's documents; the groups are
     * alternatives (a document is in exactly one group).
     */
    Query text(Parsed p) {
        if (p.parts().isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String group : Analysis.GROUPS) {
            any.add(groupQuery(p, group), Occur.SHOULD);
        }
        return any.setMinimumNumberShouldMatch(1).build();
    }

    private Query groupQuery(Parsed p, String group) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(Docs.GROUP, group)), Occur.FILTER);
        boolean required = false;
        int should = 0;
        for (Part part : p.parts()) {
            Query q = partQuery(part, group);
            if (q == null) {
                continue;
            }
            if (part.negative()) {
                b.add(q, Occur.MUST_NOT);
            } else if (p.or() || part.optional()) {
                b.add(q, Occur.SHOULD);
                should += part.optional() ? 0 : 1;
            } else {
                b.add(q, Occur.MUST);
                required = true;
            }
        }
        boolean positive = p.parts().stream().anyMatch(x -> !x.negative() && !x.optional());
        if (p.or() && should > 0) {
            b.setMinimumNumberShouldMatch(1);
        } else if (positive && !required && should == 0) {
            b.add(new MatchNoDocsQuery(), Occur.MUST);
        }
        return b.build();
    }

    private Query partQuery(Part part, String group) {
        List<Query> fields = new ArrayList<>();
        add(fields, Docs.title(group), part.text(), TITLE_BOOST);
        add(fields, Docs.body(group), part.text(), 1f);
        add(fields, Docs.TAGS_TEXT, part.text(), 1f);
        return fields.isEmpty() ? null : new DisjunctionMaxQuery(fields, 0.1f);
    }

    private void add(List<Query> out, String field, String text, float boost) {
        Query q = builder.createPhraseQuery(field, text);
        if (q != null) {
            out.add(boost == 1f ? q : new BoostQuery(q, boost));
        }
    }

    /**
     * The typo-tolerant variant of the text query, on the surface words: a word that is a typo (not in any
     * document the reader may see) matches the words of its expansion instead (words of five to seven
     * letters one edit off, longer words two when nothing is one edit away; {@link Typos}); every other word, phrases and exclusions
     * must match exactly.
     *
     * @param expansions per typo, the disjunction of the words it may stand for, or null when no word of
     *     the index is within its reach
     * @return the query, or empty when no part is expanded, or when a part every hit must match is a typo
     *     without an expansion (the query could not match anything)
     */
    Optional<Query> fuzzy(Parsed p, Map<String, Query> expansions) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean anyFuzzy = false;
        int should = 0;
        for (Part part : p.parts()) {
            boolean required = !part.negative() && !p.or() && !part.optional();
            Query q;
            if (part.words().size() == 1 && !part.negative() && expansions.containsKey(part.words().get(0))) {
                q = expansions.get(part.words().get(0));
                if (q == null) {
                    if (required) {
                        return Optional.empty();
                    }
                    continue;
                }
                anyFuzzy = true;
            } else if (part.words().size() == 1) {
                q = new TermQuery(new Term(Docs.WORDS, part.words().get(0)));
            } else {
                q = new PhraseQuery(Docs.WORDS, part.words().toArray(String[]::new));
            }
            if (part.negative()) {
                b.add(q, Occur.MUST_NOT);
            } else if (p.or() || part.optional()) {
                b.add(q, Occur.SHOULD);
                should += part.optional() ? 0 : 1;
            } else {
                b.add(q, Occur.MUST);
            }
        }
        if (p.or() && should > 0) {
            b.setMinimumNumberShouldMatch(1);
        }
        return anyFuzzy ? Optional.of(b.build()) : Optional.empty();
    }

    /** @return how many edits a word may be off in the fuzzy fallback */
    static int edits(String word) {
        int n = word.codePointCount(0, word.length());
        return n < 5 ? 0 : n < 8 ? 1 : 2;
    }

    /**
     * {@link ViewerScope#canSee} as a Lucene query: editors, or (admitted by the audience and (published
     * or a reviewer of the community or steward of the practice)).
     *
     * @return the filter, or empty for the system scope (sees everything)
     */
    static Optional<Query> visibility(ViewerScope scope) {
        if (scope.system()) {
            return Optional.empty();
        }
        BooleanQuery.Builder admitted = new BooleanQuery.Builder();
        admitted.add(new TermQuery(new Term(Docs.V_LEVEL, AudienceLevel.PLATFORM.name())), Occur.SHOULD);
        if (!scope.communities().isEmpty()) {
            admitted.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Docs.V_LEVEL, AudienceLevel.COMMUNITY.name())), Occur.FILTER)
                    .add(in(Docs.V_COMMUNITY, ids(scope.communities())), Occur.FILTER).build(), Occur.SHOULD);
        }
        // organisations are only recorded for the ORGANIZATION and PARTNERS levels
        admitted.add(new TermQuery(new Term(Docs.V_ORG, scope.organization().value())), Occur.SHOULD);

        BooleanQuery.Builder readable = new BooleanQuery.Builder();
        readable.add(new TermQuery(new Term(Docs.V_UNPUBLISHED, "false")), Occur.SHOULD);
        if (!scope.reviewerOf().isEmpty()) {
            readable.add(in(Docs.V_COMMUNITY, ids(scope.reviewerOf())), Occur.SHOULD);
        }
        if (!scope.stewardOf().isEmpty()) {
            readable.add(in(Docs.V_PRACTICE, ids(scope.stewardOf())), Occur.SHOULD);
        }

        Query audience = new BooleanQuery.Builder().add(admitted.build(), Occur.FILTER)
                .add(readable.build(), Occur.FILTER).build();
        return Optional.of(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Docs.V_EDITOR, scope.member().value())), Occur.SHOULD)
                .add(audience, Occur.SHOULD).build());
    }

    /** The query's filters: types, communities, practices, tags, languages, statuses, dates. */
    static List<Query> filters(SearchQuery q) {
        List<Query> out = new ArrayList<>();
        if (!q.types().isEmpty()) {
            out.add(in(Docs.TYPE, q.types().stream().map(ObjectType::name).toList()));
        }
        if (!q.communities().isEmpty()) {
            out.add(in(Docs.COMMUNITY, ids(q.communities())));
        }
        if (!q.practices().isEmpty()) {
            out.add(in(Docs.PRACTICE, ids(q.practices())));
        }
        for (String tag : q.tags()) {
            out.add(new TermQuery(new Term(Docs.TAG, tag)));
        }
        if (!q.languages().isEmpty()) {
            out.add(in(Docs.LANG, q.languages().stream().map(l -> l.getLanguage()).collect(Collectors.toSet())));
        }
        out.add(q.statuses().isEmpty() ? defaultStatuses() : in(Docs.STATUS, q.statuses()));
        if (q.updatedFrom().isPresent() || q.updatedTo().isPresent()) {
            long from = q.updatedFrom().map(Docs::nanos).orElse(Long.MIN_VALUE);
            Optional<Instant> to = q.updatedTo();
            long toExclusive = to.map(Docs::nanos).orElse(Long.MAX_VALUE);
            if (to.isPresent() && toExclusive <= from) {
                out.add(new MatchNoDocsQuery());
            } else {
                out.add(LongPoint.newRangeQuery(Docs.UPDATED, from, to.isPresent() ? toExclusive - 1 : Long.MAX_VALUE));
            }
        }
        return out;
    }

    /** Knowledge items in {@code PUBLISHED} or {@code NEEDS_REVIEW}, every other type in any status. */
    static Query defaultStatuses() {
        return new BooleanQuery.Builder()
                .add(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
                        .add(new TermQuery(new Term(Docs.TYPE, ObjectType.KNOWLEDGE_ITEM.name())), Occur.MUST_NOT)
                        .build(), Occur.SHOULD)
                .add(in(Docs.STATUS, DEFAULT_ITEM_STATUSES), Occur.SHOULD).build();
    }

    /** @return the query with the filters applied (filters do not score) */
    static Query filtered(Query main, Collection<Query> filters) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(main, Occur.MUST);
        filters.forEach(f -> b.add(f, Occur.FILTER));
        return b.build();
    }

    static Query in(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private static Set<String> ids(Set<? extends org.copkit.Id> ids) {
        return ids.stream().map(org.copkit.Id::value).collect(Collectors.toSet());
    }
}
