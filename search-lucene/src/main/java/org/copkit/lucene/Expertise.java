package org.copkit.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.copkit.Id;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.domain.CompetencyId;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;
import org.copkit.search.ExpertQuery;
import org.copkit.search.MemberEvidence;
import org.copkit.search.PeerMatch;
import org.copkit.search.PeerQuery;

/**
 * The expert and peer finders on the Lucene layout of {@link Docs}: filtered queries whose matches are
 * aggregated from doc values, segment by segment, without loading stored documents (apart from the few
 * peers returned).
 *
 * <ul>
 * <li>Contributions: one pass per contribution type over the documents the filter admits (type, marker,
 * visibility, {@code countsFrom}, community and competencies or the refs found for a text). Per segment
 * the contributors' ordinals are counted in an array and, per contributor, the smallest key ordinals
 * (key order is id order within a type) kept up to the bound; only the counted ordinals are looked up.</li>
 * <li>Profiles: one pass over the visible profile documents with a declared competence or an endorsement in
 * the scope, or a contribution. Per segment the ordinals of the {@code competency/level} values in scope and
 * the ordinal ranges of the {@code competency/endorser} values in scope are computed once from the terms
 * dictionary; per document only ordinals are compared, and endorsers are looked up only when in scope.</li>
 * </ul>
 */
final class Expertise {
    private static final ObjectType[] CONTRIBUTION_TYPES = {ObjectType.KNOWLEDGE_ITEM, ObjectType.QUESTION,
        ObjectType.SESSION};

    private Expertise() {}

    /** What one member has so far. */
    private static final class Tally {
        final Map<ObjectType, Integer> counts = new EnumMap<>(ObjectType.class);
        final Map<ObjectType, List<String>> keys = new EnumMap<>(ObjectType.class);
        int declared = -1;
        int endorsers;
    }

    static List<MemberEvidence> experts(IndexSearcher s, ExpertQuery q, ViewerScope scope) throws IOException {
        Optional<Query> visibility = Queries.visibility(scope);
        Map<String, Tally> tallies = new HashMap<>();
        for (ObjectType type : CONTRIBUTION_TYPES) {
            contributions(s, q, visibility, type, tallies);
        }
        profiles(s, q, scope, visibility, tallies);
        List<MemberEvidence> out = new ArrayList<>();
        tallies.forEach((member, t) -> {
            if (t.declared == -2) {
                return; // no visible profile: not a candidate
            }
            List<Ref> refs = new ArrayList<>();
            for (ObjectType type : CONTRIBUTION_TYPES) {
                t.keys.getOrDefault(type, List.of()).stream().sorted().map(Docs::ref).forEach(refs::add);
            }
            out.add(new MemberEvidence(MemberId.of(member),
                    t.declared < 0 ? Optional.empty() : Optional.of(Proficiency.values()[t.declared]), t.endorsers,
                    t.counts.getOrDefault(ObjectType.QUESTION, 0), t.counts.getOrDefault(ObjectType.KNOWLEDGE_ITEM, 0),
                    t.counts.getOrDefault(ObjectType.SESSION, 0), refs));
        });
        return out;
    }

    private static Query contributionQuery(ExpertQuery q, Optional<Query> visibility, ObjectType type) {
        BooleanQuery.Builder where = new BooleanQuery.Builder();
        if (!q.communities().isEmpty()) {
            BooleanQuery.Builder inScope = new BooleanQuery.Builder()
                    .add(Queries.in(Docs.COMMUNITY, ids(q.communities())), Occur.FILTER);
            if (type != ObjectType.SESSION) {
                inScope.add(Queries.in(Docs.X_COMP, ids(q.competencies())), Occur.FILTER);
            }
            if (type == ObjectType.SESSION || !q.competencies().isEmpty()) {
                where.add(inScope.build(), Occur.SHOULD);
            }
        }
        List<String> found = q.alsoCounted().stream().filter(r -> r.type() == type).map(Docs::key).toList();
        if (!found.isEmpty()) {
            where.add(Queries.in(Docs.ID, found), Occur.SHOULD);
        }
        BooleanQuery w = where.build();
        if (w.clauses().isEmpty()) {
            return new MatchNoDocsQuery();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Docs.TYPE, type.name())), Occur.FILTER)
                .add(new TermQuery(new Term(Docs.X, "1")), Occur.FILTER)
                .add(LongPoint.newRangeQuery(Docs.X_FROM, Long.MIN_VALUE, Docs.nanos(q.now())), Occur.FILTER)
                .add(w, Occur.FILTER);
        visibility.ifPresent(v -> b.add(v, Occur.FILTER));
        return b.build();
    }

    private static void contributions(IndexSearcher s, ExpertQuery q, Optional<Query> visibility, ObjectType type,
            Map<String, Tally> tallies) throws IOException {
        Query query = contributionQuery(q, visibility, type);
        if (query instanceof MatchNoDocsQuery) {
            return;
        }
        int max = q.maxContributions();
        Weight weight = s.createWeight(s.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            LeafReader reader = leaf.reader();
            SortedSetDocValues by = reader.getSortedSetDocValues(Docs.X_BY);
            SortedDocValues keys = reader.getSortedDocValues(Docs.KEY_SORT);
            if (by == null) {
                continue;
            }
            long valueCount = by.getValueCount();
            int[] counts = new int[Math.toIntExact(valueCount)];
            int[][] smallest = new int[counts.length][];
            int[] kept = new int[counts.length];
            Bits live = reader.getLiveDocs();
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if ((live != null && !live.get(doc)) || !by.advanceExact(doc)) {
                    continue;
                }
                int key = keys != null && keys.advanceExact(doc) ? keys.ordValue() : -1;
                for (int i = 0, n = by.docValueCount(); i < n; i++) {
                    int m = (int) by.nextOrd();
                    counts[m]++;
                    if (max > 0 && key >= 0) {
                        keep(smallest, kept, m, key, max);
                    }
                }
            }
            for (int m = 0; m < counts.length; m++) {
                if (counts[m] == 0) {
                    continue;
                }
                Tally t = tallies.computeIfAbsent(by.lookupOrd(m).utf8ToString(), k -> new Tally());
                t.counts.merge(type, counts[m], Integer::sum);
                if (kept[m] > 0) {
                    List<String> list = t.keys.computeIfAbsent(type, k -> new ArrayList<>());
                    for (int i = 0; i < kept[m]; i++) {
                        list.add(keys.lookupOrd(smallest[m][i]).utf8ToString());
                    }
                    if (list.size() > max) { // from several segments: keep the smallest
                        list.sort(null);
                        list.subList(max, list.size()).clear();
                    }
                }
            }
        }
    }

    /** Keeps the {@code max} smallest key ordinals of member {@code m}, sorted. */
    private static void keep(int[][] smallest, int[] kept, int m, int key, int max) {
        int[] a = smallest[m];
        if (a == null) {
            a = smallest[m] = new int[Math.min(max, 4)];
        }
        int n = kept[m];
        if (n == max && key >= a[n - 1]) {
            return;
        }
        if (n < max) {
            if (n == a.length) {
                a = smallest[m] = Arrays.copyOf(a, Math.min(max, n * 2));
            }
            n = ++kept[m];
        }
        int i = n - 1;
        while (i > 0 && a[i - 1] > key) {
            a[i] = a[i - 1];
            i--;
        }
        a[i] = key;
    }

    private static void profiles(IndexSearcher s, ExpertQuery q, ViewerScope scope, Optional<Query> visibility,
            Map<String, Tally> tallies) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Docs.TYPE, ObjectType.MEMBER.name())), Occur.FILTER)
                .add(new TermQuery(new Term(Docs.P, "1")), Occur.FILTER)
                .add(new TermQuery(Docs.keyTerm(new Ref(ObjectType.MEMBER, scope.member().value()))), Occur.MUST_NOT);
        visibility.ifPresent(v -> b.add(v, Occur.FILTER));
        if (!q.everyone()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            if (!q.competencies().isEmpty()) {
                any.add(Queries.in(Docs.P_COMP, ids(q.competencies())), Occur.SHOULD);
                any.add(Queries.in(Docs.P_END_COMP, ids(q.competencies())), Occur.SHOULD);
            }
            if (!tallies.isEmpty()) {
                any.add(Queries.in(Docs.ID, tallies.keySet().stream()
                        .map(m -> Docs.key(new Ref(ObjectType.MEMBER, m))).toList()), Occur.SHOULD);
            }
            BooleanQuery a = any.build();
            if (a.clauses().isEmpty()) {
                return;
            }
            b.add(a, Occur.FILTER);
        }
        Set<String> seen = new HashSet<>();
        List<BytesRef> scopeIds = q.competencies().stream().map(c -> new BytesRef(c.value())).toList();
        Weight weight = s.createWeight(s.rewrite(b.build()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            LeafReader reader = leaf.reader();
            SortedDocValues keys = reader.getSortedDocValues(Docs.KEY_SORT);
            SortedSetDocValues levels = reader.getSortedSetDocValues(Docs.P_LEVEL);
            SortedSetDocValues endorsements = reader.getSortedSetDocValues(Docs.P_END);
            int[] levelOf = levelsInScope(levels, q.competencies());
            FixedBitSet endorsedInScope = inScope(endorsements, scopeIds);
            Bits live = reader.getLiveDocs();
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if ((live != null && !live.get(doc)) || keys == null || !keys.advanceExact(doc)) {
                    continue;
                }
                int declared = -1;
                if (levelOf != null && levels.advanceExact(doc)) {
                    for (int i = 0, n = levels.docValueCount(); i < n; i++) {
                        declared = Math.max(declared, levelOf[(int) levels.nextOrd()]);
                    }
                }
                Set<String> endorsers = null;
                if (endorsedInScope != null && endorsements.advanceExact(doc)) {
                    for (int i = 0, n = endorsements.docValueCount(); i < n; i++) {
                        long ord = endorsements.nextOrd();
                        if (endorsedInScope.get((int) ord)) {
                            String v = endorsements.lookupOrd(ord).utf8ToString();
                            if (endorsers == null) {
                                endorsers = new HashSet<>();
                            }
                            endorsers.add(v.substring(v.indexOf(Docs.SEP) + 1));
                        }
                    }
                }
                String member = Docs.ref(keys.lookupOrd(keys.ordValue()).utf8ToString()).id();
                Tally t = tallies.get(member);
                if (t == null) {
                    if (declared < 0 && endorsers == null && !q.everyone()) {
                        continue;
                    }
                    t = new Tally();
                    tallies.put(member, t);
                }
                t.declared = declared;
                t.endorsers = endorsers == null ? 0 : endorsers.size();
                seen.add(member);
            }
        }
        // contributors without a visible profile document are no candidates
        tallies.forEach((member, t) -> {
            if (!seen.contains(member)) {
                t.declared = -2;
            }
        });
    }

    /** Per ordinal of {@link Docs#P_LEVEL} the level if its competency is in scope, else -1; null: none. */
    private static int[] levelsInScope(SortedSetDocValues levels, Set<CompetencyId> scope) throws IOException {
        if (levels == null || scope.isEmpty()) {
            return null;
        }
        int[] out = new int[Math.toIntExact(levels.getValueCount())];
        Arrays.fill(out, -1);
        boolean any = false;
        for (CompetencyId c : scope) {
            for (Proficiency p : Proficiency.values()) {
                long ord = levels.lookupTerm(new BytesRef(c.value() + Docs.SEP + p.ordinal()));
                if (ord >= 0) {
                    out[(int) ord] = p.ordinal();
                    any = true;
                }
            }
        }
        return any ? out : null;
    }

    /** The ordinals of {@link Docs#P_END} values whose competency is in scope; null: none. */
    private static FixedBitSet inScope(SortedSetDocValues endorsements, List<BytesRef> scope) throws IOException {
        if (endorsements == null || scope.isEmpty()) {
            return null;
        }
        FixedBitSet out = new FixedBitSet(Math.toIntExact(endorsements.getValueCount()));
        boolean any = false;
        TermsEnum terms = endorsements.termsEnum();
        for (BytesRef c : scope) {
            long from = ceil(terms, prefix(c, (byte) Docs.SEP), endorsements.getValueCount());
            long to = ceil(terms, prefix(c, (byte) (Docs.SEP + 1)), endorsements.getValueCount());
            if (from < to) {
                out.set((int) from, (int) to);
                any = true;
            }
        }
        return any ? out : null;
    }

    private static BytesRef prefix(BytesRef competency, byte sep) {
        byte[] b = Arrays.copyOf(Arrays.copyOfRange(competency.bytes, competency.offset,
                competency.offset + competency.length), competency.length + 1);
        b[competency.length] = sep;
        return new BytesRef(b);
    }

    /** @return the ordinal of the first value at or after {@code target}, or the value count */
    private static long ceil(TermsEnum terms, BytesRef target, long valueCount) throws IOException {
        TermsEnum.SeekStatus st = terms.seekCeil(target);
        return st == TermsEnum.SeekStatus.END ? valueCount : terms.ord();
    }

    static List<PeerMatch> peers(IndexSearcher s, PeerQuery q, ViewerScope scope) throws IOException {
        BooleanQuery.Builder shared = new BooleanQuery.Builder();
        for (CompetencyId c : q.wanted()) {
            shared.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(Docs.P_COMP, c.value()))), 3f),
                    Occur.SHOULD);
            shared.add(new ConstantScoreQuery(new TermQuery(new Term(Docs.P_AMB, c.value()))), Occur.SHOULD);
        }
        for (CompetencyId c : q.known()) {
            shared.add(new ConstantScoreQuery(new TermQuery(new Term(Docs.P_COMP, c.value()))), Occur.SHOULD);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(shared.build(), Occur.MUST)
                .add(new TermQuery(new Term(Docs.TYPE, ObjectType.MEMBER.name())), Occur.FILTER)
                .add(new TermQuery(new Term(Docs.P, "1")), Occur.FILTER)
                .add(new TermQuery(new Term(Docs.P_ACTIVE, q.community().value())), Occur.FILTER)
                .add(new TermQuery(Docs.keyTerm(new Ref(ObjectType.MEMBER, scope.member().value()))), Occur.MUST_NOT);
        Queries.visibility(scope).ifPresent(v -> b.add(v, Occur.FILTER));
        TopFieldDocs top = s.search(b.build(), q.limit(), new Sort(SortField.FIELD_SCORE,
                new SortField(Docs.KEY_SORT, SortField.Type.STRING)));
        List<PeerMatch> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = s.storedFields().document(sd.doc, Set.of(Docs.ID, Docs.P_COMP, Docs.P_AMB));
            Set<CompetencyId> declared = Arrays.stream(d.getValues(Docs.P_COMP)).map(CompetencyId::of)
                    .collect(Collectors.toSet());
            Set<CompetencyId> ambitions = Arrays.stream(d.getValues(Docs.P_AMB)).map(CompetencyId::of)
                    .collect(Collectors.toSet());
            PeerMatch m = new PeerMatch(MemberId.of(Docs.ref(d.get(Docs.ID)).id()), intersect(declared, q.wanted()),
                    intersect(declared, q.known()), intersect(ambitions, q.wanted()));
            if (m.score() > 0) {
                out.add(m);
            }
        }
        return out;
    }

    private static Set<CompetencyId> intersect(Set<CompetencyId> a, Set<CompetencyId> b) {
        return a.stream().filter(b::contains).collect(Collectors.toSet());
    }

    private static Set<String> ids(Set<? extends Id> ids) {
        return ids.stream().map(Id::value).collect(Collectors.toSet());
    }
}
