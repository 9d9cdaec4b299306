package org.copkit.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.search.Facet;
import org.copkit.search.SearchDocument;

/**
 * The Lucene document layout: one Lucene document per {@link SearchDocument}, keyed by
 * {@code TYPE:id}. Text goes into the fields of the document's language group only
 * ({@code title_nl}/{@code body_nl}, {@code title_en}/{@code body_en} or {@code title_xx}/{@code body_xx});
 * visibility facts are exact-match string fields for the filter built by {@link Queries#visibility}.
 */
final class Docs {
    /** The unique key {@code TYPE:id}, stored. */
    static final String ID = "id";
    /**
     * The key again as sorted doc values: the last sort key of every search, so hits that tie on score and
     * update time keep one order across reopens and merges (stable pages). Documents of indexes written
     * before it existed have none and sort first among their ties until the next rebuild.
     */
    static final String KEY_SORT = "key_sort";
    static final String TYPE = "type";
    static final String STATUS = "status";
    static final String LANG = "lang";
    static final String GROUP = "group";
    static final String TAG = "tag";
    static final String COMMUNITY = "community";
    static final String PRACTICE = "practice";
    /** Update time in nanoseconds since the epoch: point (range filter) and doc values (sorting). */
    static final String UPDATED = "updated";

    static final String V_EDITOR = "v_editor";
    static final String V_LEVEL = "v_level";
    static final String V_ORG = "v_org";
    static final String V_COMMUNITY = "v_community";
    static final String V_PRACTICE = "v_practice";
    static final String V_UNPUBLISHED = "v_unpublished";

    /** Surface words (folded, unstemmed) of title, body and tags: fuzzy fallback and did-you-mean. */
    static final String WORDS = "words";
    /** Surface words of the title: suggestions. */
    static final String TITLE_WORDS = "title_words";
    /** Tags as text. */
    static final String TAGS_TEXT = "tags_text";
    /**
     * The distinct compound-vocabulary words of Dutch documents (surface words of 4 to 24 letters, no
     * stop words), documents only: the vocabulary is reloaded from its terms on open.
     */
    static final String DUTCH_WORDS = "nl_words";

    static final String S_TITLE = "s_title";
    static final String S_STATUS = "s_status";
    static final String S_LANG = "s_lang";
    static final String S_COMMUNITY = "s_community";
    static final String S_UPDATED = "s_updated";
    static final String S_TAG = "s_tag";
    static final String S_GROUP = "s_group";
    /** Marks a document with {@link org.copkit.search.ContributionFacts} (indexed {@code "1"}). */
    static final String X = "x";
    /** A contribution's contributors (sorted-set doc values: counted per member by {@link Expertise}). */
    static final String X_BY = "x_by";
    /** A contribution's competencies (indexed). */
    static final String X_COMP = "x_comp";
    /** From when a contribution counts, nanoseconds since the epoch (point; {@code Long.MIN_VALUE}: always). */
    static final String X_FROM = "x_from";
    /** Marks a member's profile document with {@link org.copkit.search.ProfileFacts} (indexed {@code "1"}). */
    static final String P = "p";
    /** Declared competencies (indexed and stored). */
    static final String P_COMP = "p_comp";
    /** Declared competencies with level, {@code competency SEP ordinal} (sorted-set doc values). */
    static final String P_LEVEL = "p_level";
    /** Ambitions (indexed and stored). */
    static final String P_AMB = "p_amb";
    /** Live endorsements, {@code competency SEP endorser} (sorted-set doc values). */
    static final String P_END = "p_end";
    /** Competencies with a live endorsement (indexed). */
    static final String P_END_COMP = "p_end_comp";
    /** Communities the member is active in (indexed). */
    static final String P_ACTIVE = "p_active";
    /** Separates the parts of {@link #P_LEVEL} and {@link #P_END} values; ids hold no control characters. */
    static final char SEP = '\u0001';

    /** The embedding of the document's title and start of body (HNSW graph, cosine), with an embedder. */
    static final String VECTOR = "vector";
    /** The embedding of the document's title (HNSW graph, cosine), with an embedder. */
    static final String TITLE_VECTOR = "title_vector";

    private static final FieldType TEXT_WITH_OFFSETS = textType(false);
    private static final FieldType STORED_TEXT_WITH_OFFSETS = textType(true);
    private static final FieldType DOCS_ONLY = docsOnly();

    private Docs() {}

    static String title(String group) {
        return "title_" + group;
    }

    static String body(String group) {
        return "body_" + group;
    }

    static String facetField(Facet facet) {
        return "f_" + facet.name().toLowerCase(Locale.ROOT);
    }

    static String key(Ref ref) {
        return ref.type().name() + ":" + ref.id();
    }

    static Term keyTerm(Ref ref) {
        return new Term(ID, key(ref));
    }

    static Ref ref(String key) {
        int colon = key.indexOf(':');
        return new Ref(ObjectType.valueOf(key.substring(0, colon)), key.substring(colon + 1));
    }

    /** @return nanoseconds since the epoch, saturated at the long range */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * @param vectors the embeddings of the title and of the text, or {@code null} for none (no embedder);
     *     a {@code null} element is not stored (an empty text)
     * @param dutchWords for a Dutch document, the distinct vocabulary words of its title and body
     *     ({@link Analysis#learnDutchText}), indexed as they are into {@link #DUTCH_WORDS}; ignored for
     *     other languages
     * @return the Lucene document
     */
    static Document document(SearchDocument d, float[][] vectors, Set<String> dutchWords) {
        Document doc = new Document();
        if (vectors != null && vectors[0] != null) {
            doc.add(new KnnFloatVectorField(TITLE_VECTOR, vectors[0], VectorSimilarityFunction.COSINE));
        }
        if (vectors != null && vectors[1] != null) {
            doc.add(new KnnFloatVectorField(VECTOR, vectors[1], VectorSimilarityFunction.COSINE));
        }
        String group = Analysis.group(d.language());
        doc.add(new StringField(ID, key(d.ref()), Field.Store.YES));
        doc.add(new SortedDocValuesField(KEY_SORT, new BytesRef(key(d.ref()))));
        doc.add(new StringField(TYPE, d.type().name(), Field.Store.NO));
        doc.add(new StringField(STATUS, d.status(), Field.Store.NO));
        doc.add(new StringField(LANG, d.language().getLanguage(), Field.Store.NO));
        doc.add(new StringField(GROUP, group, Field.Store.NO));
        d.community().ifPresent(c -> doc.add(new StringField(COMMUNITY, c.value(), Field.Store.NO)));
        d.practice().ifPresent(p -> doc.add(new StringField(PRACTICE, p.value(), Field.Store.NO)));
        for (String tag : d.tags()) {
            doc.add(new StringField(TAG, tag, Field.Store.NO));
            doc.add(new StoredField(S_TAG, tag));
            facet(doc, Facet.TAG, tag);
        }
        long updated = nanos(d.updatedAt());
        doc.add(new LongPoint(UPDATED, updated));
        doc.add(new NumericDocValuesField(UPDATED, updated));

        Visibility v = d.visibility();
        for (MemberId editor : v.editors()) {
            doc.add(new StringField(V_EDITOR, editor.value(), Field.Store.NO));
        }
        doc.add(new StringField(V_LEVEL, v.audience().level().name(), Field.Store.NO));
        for (OrganizationId org : v.audience().organizations()) {
            doc.add(new StringField(V_ORG, org.value(), Field.Store.NO));
        }
        v.community().ifPresent(c -> doc.add(new StringField(V_COMMUNITY, c.value(), Field.Store.NO)));
        v.practice().ifPresent(p -> doc.add(new StringField(V_PRACTICE, p.value(), Field.Store.NO)));
        doc.add(new StringField(V_UNPUBLISHED, Boolean.toString(v.unpublished()), Field.Store.NO));

        doc.add(new Field(title(group), d.title(), TEXT_WITH_OFFSETS));
        doc.add(new Field(body(group), d.body(), STORED_TEXT_WITH_OFFSETS));
        String tags = String.join(" ", d.tags());
        doc.add(new TextField(TAGS_TEXT, tags, Field.Store.NO));
        doc.add(new TextField(WORDS, d.title() + "\n" + d.body() + "\n" + tags, Field.Store.NO));
        doc.add(new TextField(TITLE_WORDS, d.title(), Field.Store.NO));
        if (group.equals("nl")) {
            doc.add(new Field(DUTCH_WORDS, new WordStream(dutchWords), DOCS_ONLY));
        }

        facet(doc, Facet.TYPE, d.type().name());
        d.community().ifPresent(c -> facet(doc, Facet.COMMUNITY, c.value()));
        d.practice().ifPresent(p -> facet(doc, Facet.PRACTICE, p.value()));
        facet(doc, Facet.LANGUAGE, d.language().getLanguage());

        doc.add(new StoredField(S_TITLE, d.title()));
        doc.add(new StoredField(S_STATUS, d.status()));
        doc.add(new StoredField(S_LANG, d.language().toLanguageTag()));
        doc.add(new StoredField(S_GROUP, group));
        d.community().ifPresent(c -> doc.add(new StoredField(S_COMMUNITY, c.value())));
        doc.add(new StoredField(S_UPDATED, d.updatedAt().toString()));
        d.contribution().ifPresent(x -> {
            doc.add(new StringField(X, "1", Field.Store.NO));
            for (MemberId m : x.contributors()) {
                doc.add(new SortedSetDocValuesField(X_BY, new BytesRef(m.value())));
            }
            x.competencies().forEach(c -> doc.add(new StringField(X_COMP, c.value(), Field.Store.NO)));
            doc.add(new LongPoint(X_FROM, x.countsFrom().map(Docs::nanos).orElse(Long.MIN_VALUE)));
        });
        d.profile().ifPresent(p -> {
            doc.add(new StringField(P, "1", Field.Store.NO));
            p.competences().forEach((c, level) -> {
                doc.add(new StringField(P_COMP, c.value(), Field.Store.YES));
                doc.add(new SortedSetDocValuesField(P_LEVEL, new BytesRef(c.value() + SEP + level.ordinal())));
            });
            p.ambitions().forEach(c -> doc.add(new StringField(P_AMB, c.value(), Field.Store.YES)));
            p.endorsers().forEach((c, endorsers) -> {
                doc.add(new StringField(P_END_COMP, c.value(), Field.Store.NO));
                endorsers.forEach(e -> doc.add(new SortedSetDocValuesField(P_END,
                        new BytesRef(c.value() + SEP + e.value()))));
            });
            p.activeIn().forEach(c -> doc.add(new StringField(P_ACTIVE, c.value(), Field.Store.NO)));
        });
        return doc;
    }

    static Optional<CommunityId> community(Document stored) {
        return Optional.ofNullable(stored.get(S_COMMUNITY)).map(CommunityId::of);
    }

    private static void facet(Document doc, Facet facet, String value) {
        doc.add(new SortedSetDocValuesField(facetField(facet), new BytesRef(value)));
    }

    private static FieldType textType(boolean stored) {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setStored(stored);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        return t;
    }

    /** The given words as tokens, already analysed (no analyzer runs on them). */
    private static final class WordStream extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final Collection<String> words;
        private Iterator<String> next;

        WordStream(Collection<String> words) {
            this.words = words;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = words.iterator();
        }

        @Override
        public boolean incrementToken() {
            if (!next.hasNext()) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(next.next());
            return true;
        }
    }

    private static FieldType docsOnly() {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setIndexOptions(IndexOptions.DOCS);
        t.setOmitNorms(true);
        t.freeze();
        return t;
    }
}
