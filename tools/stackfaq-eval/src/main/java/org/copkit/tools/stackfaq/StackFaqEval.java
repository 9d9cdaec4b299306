package org.copkit.tools.stackfaq;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.copkit.CopKit;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.MembershipPolicy;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.domain.Domain;
import org.copkit.embeddings.onnx.OnnxEmbedder;
import org.copkit.knowledge.ItemContent;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchHit;
import org.copkit.spi.Embedder;

/**
 * The "already answered?" evaluation: indexes the threads of a StackFAQ-format file through CoPKit
 * (each thread a question with its answers, the first answer accepted), asks every rephrasing as a
 * draft question ({@code ConversationService.alreadyAnswered(rephrasing, "", 10)} as a community member)
 * and prints, per configuration, recall@1, recall@5, recall@10 and MRR@10 (each rephrasing has exactly
 * one relevant thread: its own).
 *
 * <ul>
 * <li>{@code copkit-hybrid}: CoPKit with {@code LuceneSearchIndex} and the ONNX all-MiniLM-L6-v2 embedder
 * (set with {@code CopKit.Builder.embedder});</li>
 * <li>{@code copkit-lexical}: the same without an embedder;</li>
 * <li>{@code raw-bm25}: plain Lucene, {@code EnglishAnalyzer}, the question title boosted 2× over the
 * answers, the rephrasing as an escaped OR query;</li>
 * <li>{@code raw-embedding}: cosine between the rephrasing's vector and each thread's vector (the question
 * title and the accepted answer, the same text and model CoPKit embeds), no Lucene.</li>
 * </ul>
 *
 * <p>Nothing is tuned on or taken from the rephrasings: they are only ever queries.
 */
public final class StackFaqEval {
    static final int K = 10;

    private StackFaqEval() {}

    /**
     * @param args the StackFAQ XML file
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // DJL warns that it finds no GPU; ONNX Runtime runs on the CPU
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        if (args.length != 1) {
            System.err.println("usage: stackfaq-eval FILE.xml");
            System.exit(2);
        }
        StackFaq faq = StackFaq.read(Path.of(args[0]));
        PrintStream out = System.out;
        long queries = faq.threads().stream().mapToLong(t -> t.rephrasings().size()).sum();
        out.printf("file=%s threads=%d answers=%d rephrasings=%d%n", args[0], faq.threads().size(),
                faq.threads().stream().mapToInt(t -> t.answers().size()).sum(), queries);
        Embedder onnx = new CachingEmbedder(OnnxEmbedder.allMiniLmL6V2Quantized());
        out.println(copkit("copkit-hybrid", faq, onnx, LuceneSearchIndex.DEFAULT_HYBRID_WEIGHT));
        out.println(copkit("copkit-lexical", faq, null, 0));
        out.println(rawBm25(faq));
        out.println(rawEmbedding(faq, onnx));
        String sweep = System.getProperty("stackfaq.sweep");
        if (sweep != null) {
            for (String w : sweep.split(",")) {
                out.println(copkit("copkit-hybrid-w" + w.strip(), faq, onnx, Double.parseDouble(w.strip())));
            }
        }
    }

    /** Recall and MRR over ranks (1-based; 0 = not in the top K). */
    record Scores(String name, double recall1, double recall5, double recall10, double mrr10, double msPerQuery) {
        static Scores of(String name, List<Integer> ranks, double msPerQuery) {
            double n = ranks.size();
            return new Scores(name, ranks.stream().filter(r -> r == 1).count() / n,
                    ranks.stream().filter(r -> r >= 1 && r <= 5).count() / n,
                    ranks.stream().filter(r -> r >= 1 && r <= K).count() / n,
                    ranks.stream().mapToDouble(r -> r >= 1 && r <= K ? 1.0 / r : 0).sum() / n, msPerQuery);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-16s recall@1=%.3f recall@5=%.3f recall@10=%.3f mrr@10=%.3f  (%.1f ms/query)",
                    name, recall1, recall5, recall10, mrr10, msPerQuery);
        }
    }

    /** Runs every rephrasing through the ranker; the ranker returns thread indexes, best first. */
    static Scores evaluate(String name, StackFaq faq, Function<String, List<Integer>> ranker) {
        List<Integer> ranks = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < faq.threads().size(); t++) {
            for (String r : faq.threads().get(t).rephrasings()) {
                List<Integer> ranked = ranker.apply(r);
                int at = ranked.indexOf(t);
                ranks.add(at < 0 || at >= K ? 0 : at + 1);
            }
        }
        double ms = (System.nanoTime() - start) / 1e6 / Math.max(1, ranks.size());
        return Scores.of(name, ranks, ms);
    }

    static Scores copkit(String name, StackFaq faq, Embedder embedder, double weight) {
        LuceneSearchIndex index = LuceneSearchIndex.builder().hybridWeight(weight).build();
        CopKit.Builder b = CopKit.builder().search(index);
        if (embedder != null) {
            b.embedder(embedder);
        }
        try (CopKit kit = b.build()) {
            Map<String, Integer> threadOf = load(kit, faq);
            CopKit.As reader = kit.as(MemberId.of("reader"));
            return evaluate(name, faq, r -> {
                String title = r.length() <= ItemContent.MAX_TITLE ? r : r.substring(0, ItemContent.MAX_TITLE);
                String body = r.length() <= ItemContent.MAX_TITLE ? "" : r;
                List<Integer> out = new ArrayList<>();
                for (SearchHit h : reader.conversations().alreadyAnswered(title, body, K)) {
                    Integer t = threadOf.get(h.ref().id());
                    out.add(t == null ? -1 : t);
                }
                return out;
            });
        }
    }

    /**
     * Creates one community, asks every thread's question, posts its answers (by different members) and
     * accepts the first one.
     *
     * @return thread index by conversation id
     */
    static Map<String, Integer> load(CopKit kit, StackFaq faq) {
        CopKit.As host = kit.system();
        OrganizationId org = OrganizationId.of("webapps");
        host.organizations().register(org, "Web Applications", "");
        int answerers = faq.threads().stream().mapToInt(t -> t.answers().size()).max().orElse(0);
        List<MemberId> members = new ArrayList<>();
        for (String id : List.of("asker", "reader")) {
            members.add(MemberId.of(id));
        }
        for (int i = 1; i <= answerers; i++) {
            members.add(MemberId.of("answerer-" + i));
        }
        for (MemberId m : members) {
            host.members().register(m, MemberProfile.of(m.value(), org));
        }
        CopKit.As asker = kit.as(MemberId.of("asker"));
        Domain domain = asker.domains().create("Web applications", "Questions about web applications");
        Community community = asker.communities().create(CommunityDraft.of(domain.id(), "Web apps",
                "Questions and answers about web applications").withPolicy(MembershipPolicy.OPEN));
        for (MemberId m : members.subList(1, members.size())) {
            kit.as(m).communities().join(community.id());
        }
        Map<String, Integer> threadOf = new HashMap<>();
        for (int t = 0; t < faq.threads().size(); t++) {
            StackFaq.Thread thread = faq.threads().get(t);
            String title = thread.question().length() <= ItemContent.MAX_TITLE ? thread.question()
                    : thread.question().substring(0, ItemContent.MAX_TITLE);
            Conversation q = asker.conversations().ask(ConversationDraft.of(community.id(),
                    ItemContent.of(title, "", Locale.ENGLISH)));
            Post accepted = null;
            for (int a = 0; a < thread.answers().size(); a++) {
                Post p = kit.as(members.get(2 + a)).conversations().answer(q.id(), thread.answers().get(a));
                if (accepted == null) {
                    accepted = p;
                }
            }
            Conversation current = asker.conversations().get(q.id());
            asker.conversations().accept(accepted.id(), current.version());
            threadOf.put(q.id().value(), t);
        }
        return threadOf;
    }

    static Scores rawBm25(StackFaq faq) {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory(); EnglishAnalyzer analyzer = new EnglishAnalyzer()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (int t = 0; t < faq.threads().size(); t++) {
                    StackFaq.Thread thread = faq.threads().get(t);
                    Document d = new Document();
                    d.add(new StoredField("thread", t));
                    d.add(new TextField("title", thread.question(), Field.Store.NO));
                    d.add(new TextField("answers", String.join("\n", thread.answers()), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(reader);
                MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"title", "answers"}, analyzer,
                        Map.of("title", 2f, "answers", 1f));
                return evaluate("raw-bm25", faq, r -> {
                    try {
                        List<Integer> out = new ArrayList<>();
                        for (ScoreDoc sd : s.search(parser.parse(QueryParser.escape(r)), K).scoreDocs) {
                            out.add(s.storedFields().document(sd.doc).getField("thread").numericValue().intValue());
                        }
                        return out;
                    } catch (IOException | ParseException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Scores rawEmbedding(StackFaq faq, Embedder embedder) {
        List<float[]> threads = new ArrayList<>();
        for (StackFaq.Thread t : faq.threads()) {
            String text = t.question() + "\n" + t.answers().get(0);
            threads.add(embedder.embed(List.of(text.length() <= 1000 ? text : text.substring(0, 1000)),
                    Locale.ENGLISH).get(0));
        }
        return evaluate("raw-embedding", faq, r -> {
            float[] q = embedder.embed(List.of(r), Locale.ENGLISH).get(0);
            List<double[]> scored = new ArrayList<>();
            for (int t = 0; t < threads.size(); t++) {
                scored.add(new double[] {cosine(q, threads.get(t)), t});
            }
            scored.sort((a, b) -> Double.compare(b[0], a[0]));
            return scored.stream().limit(K).map(x -> (int) x[1]).toList();
        });
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Remembers vectors by text, so several configurations embed each text once. Same model id. */
    static final class CachingEmbedder implements Embedder {
        private final Embedder delegate;
        private final Map<String, float[]> cache = new ConcurrentHashMap<>();

        CachingEmbedder(Embedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String modelId() {
            return delegate.modelId();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public List<float[]> embed(List<String> texts, Locale language) {
            List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
            if (!missing.isEmpty()) {
                List<float[]> vs = delegate.embed(missing, language);
                for (int i = 0; i < missing.size(); i++) {
                    cache.put(missing.get(i), vs.get(i));
                }
            }
            return texts.stream().map(cache::get).toList();
        }
    }
}
