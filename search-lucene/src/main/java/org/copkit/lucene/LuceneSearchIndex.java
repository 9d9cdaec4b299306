package org.copkit.lucene;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LiveIndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.InvalidInputException;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.copkit.spi.Embedder;
import org.copkit.spi.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SearchIndex} on Apache Lucene 9, on disk ({@link #open(Path)}, an {@code MMapDirectory})
 * or in memory ({@link #inMemory()}); {@link #builder()} for the options. Passes core's
 * {@code SearchIndexContract}.
 *
 * <ul>
 * <li><b>Writes.</b> One {@link IndexWriter}. {@link #index} and {@link #delete} return when the change
 * is searchable: after writing they reopen the near-real-time searcher themselves (concurrent writers
 * share a reopen); a timer also reopens every {@link Builder#refreshInterval refresh interval} (100 ms
 * by default) while no write is in progress, so finished merges become visible. Each call is atomic
 * for readers: no reopen, whichever thread runs it, shows part of a batch.</li>
 * <li><b>Durability.</b> Changes are committed (fsync) every {@link Builder#commitInterval commit
 * interval} (5 s by default), on {@link #commit()}, after {@link #rebuild} and on {@link #close()}; each
 * commit carries the change-feed checkpoint in its user data, so {@link #checkpoint()} after a restart is
 * the sequence the durable documents reflect, and CoPKit's indexer replays the rest of the change
 * feed.</li>
 * <li><b>Recovery.</b> An index directory whose index is missing, unreadable, of another layout version
 * or fails its checksums on open is replaced by an empty index with checkpoint 0 and a WARN log; CoPKit
 * then re-indexes everything from the change feed when the kit is built.</li>
 * <li><b>Rebuild.</b> {@link #rebuild} writes a new index beside the current one while searches keep
 * using the current one, then swaps atomically (on disk through the {@code CURRENT} pointer file) and
 * deletes the old one. Writes wait while a rebuild runs.</li>
 * <li><b>Visibility.</b> The reader's {@link ViewerScope#canSee} rule is a filter clause of every
 * Lucene query (hits, totals, facets, suggestions, similar documents, did-you-mean).</li>
 * <li><b>Semantic retrieval.</b> With an {@link Embedder} ({@link Builder#embedder} or the kit's,
 * through {@link #useEmbedder}) every document gets a title vector and a title-and-body vector
 * ({@code KnnFloatVectorField}, HNSW, cosine), embedded in {@link #index} and {@link #rebuild}; similar
 * documents are the union of the lexical hits and the nearest visible neighbours (the visibility filter
 * is the filter of the {@code KnnFloatVectorQuery}), ranked by a weighted sum of vector similarity and
 * normalised BM25; relevance-sorted text queries re-order their first 100 lexical hits the same way.
 * The vectors' model id and dimension are kept in the commit user data; another model starts the index
 * over at checkpoint 0, and CoPKit re-indexes from the change feed.</li>
 * </ul>
 *
 * <p>Thread-safe. Backend failures surface as {@link CopKitException} with {@link ErrorCode#SEARCH}.
 */
public final class LuceneSearchIndex implements SearchIndex {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchIndex.class);
    /** The stored fields a hit shows (not the body, which only the highlighter reads). */
    private static final Set<String> HIT_FIELDS = Set.of(Docs.ID, Docs.S_TITLE, Docs.S_GROUP, Docs.S_LANG,
            Docs.S_STATUS, Docs.S_UPDATED, Docs.S_COMMUNITY);
    static final String CHECKPOINT = "copkit.checkpoint";
    static final String LAYOUT = "copkit.layout";
    /** The embedder of the stored vectors ({@code modelId/dimension}, or {@code none}). */
    static final String EMBEDDER = "copkit.embedder";
    static final String NO_EMBEDDER = "none";
    /** Version of the document layout and analysis; an index of another version is rebuilt. */
    static final String LAYOUT_VERSION = "2";
    static final String POINTER = "CURRENT";
    /** Default share of vector similarity in the hybrid score. */
    public static final double DEFAULT_HYBRID_WEIGHT = 0.9;
    /** Default least cosine of a similar document found by meaning alone. */
    public static final double DEFAULT_MIN_SIMILARITY = 0.3;
    static final String GENERATION_PREFIX = "generation-";
    private static final int REBUILD_BATCH = 1_000;
    private static final int SUGGEST_SCAN = 200;
    private static final int MAX_SUGGEST_WORDS = 8;
    private static final int MAX_PREFIX = 200;
    /** Lexical hits of a text query re-ordered by the hybrid score. */
    static final int HYBRID_WINDOW = 100;
    /** Terms picked per field of a draft ({@link LikeTerms}; 7 fields: at most 175 clauses). */
    private static final int MAX_SIMILAR_TERMS = 25;
    /** Candidates of each kind (lexical, nearest neighbours) for a similar-documents query. */
    static final int HYBRID_CANDIDATES = 50;
    /**
     * Neighbours an HNSW search of a similar-documents query looks for (Lucene's search breadth, efSearch, is
     * the k of a {@code KnnFloatVectorQuery}); the best {@link #HYBRID_CANDIDATES} of them are kept. With a
     * breadth of 50, on 20,000 documents the search missed the right thread's nearest vector for 1 in 5 StackFAQ
     * drafts, and twice the thread entirely ({@code docs/search-lucene.md}).
     */
    static final int HNSW_BREADTH = 200;

    private final Builder config;
    private final Analysis analysis;
    private final Queries queries;
    private final Snippets snippets;
    /** The typo fallback's expansions, cached per segment, and its neighbour filter. */
    private final Typos typos = new Typos();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong checkpoint = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Write calls in progress (the timed refresh waits for none). */
    private final java.util.concurrent.atomic.AtomicInteger writing = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService committer;
    private volatile long committedCheckpoint = -1;
    private volatile Generation current;
    private volatile Embedder embedder;
    /** The embedder signature of the vectors in the current generation. */
    private volatile String indexedEmbedder;

    /** One physical index: its directory, writer and searcher manager. */
    private static final class Generation {
        final String name;
        final Path path;
        final Directory dir;
        final IndexWriter writer;
        final SearcherManager manager;

        Generation(String name, Path path, Directory dir, IndexWriter writer, SearcherManager manager) {
            this.name = name;
            this.path = path;
            this.dir = dir;
            this.writer = writer;
            this.manager = manager;
        }

        /** Closes without committing (callers commit first when they want to keep changes). */
        void close() {
            IOUtils.closeWhileHandlingException(manager, writer, dir);
        }
    }

    private LuceneSearchIndex(Builder config) {
        this.config = config;
        this.analysis = new Analysis(config.dutchWords);
        this.queries = new Queries(analysis);
        this.snippets = new Snippets(analysis.index());
        this.embedder = config.embedder;
        this.indexedEmbedder = signature(config.embedder);
        try {
            this.current = config.directory == null ? memoryGeneration() : openOnDisk(config.directory);
        } catch (IOException e) {
            throw new CopKitException(ErrorCode.SEARCH, "cannot open the Lucene index at " + config.directory + ": " + e,
                    e);
        }
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "copkit-lucene-commit");
            t.setDaemon(true);
            return t;
        });
        long every = config.commitInterval.toMillis();
        committer.scheduleWithFixedDelay(this::timedCommit, every, every, TimeUnit.MILLISECONDS);
        long refresh = config.refreshInterval.toMillis();
        committer.scheduleWithFixedDelay(this::timedRefresh, refresh, refresh, TimeUnit.MILLISECONDS);
    }

    /**
     * @param directory the index directory (created when missing); holds the {@code CURRENT} pointer
     *     and one {@code generation-N} sub-directory
     * @return an on-disk index with the default options
     * @throws CopKitException with {@link ErrorCode#SEARCH} when the directory cannot be used (for
     *     example because another process holds the index lock)
     */
    public static LuceneSearchIndex open(Path directory) {
        return builder().directory(directory).build();
    }

    /** @return an in-memory index with the default options (content is lost on close) */
    public static LuceneSearchIndex inMemory() {
        return builder().build();
    }

    /** @return a builder for an index with non-default options (in memory unless a directory is given) */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ opening and generations

    private Generation openOnDisk(Path root) throws IOException {
        Files.createDirectories(root);
        Path pointer = root.resolve(POINTER);
        Generation g;
        if (Files.exists(pointer)) {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            try {
                g = openExisting(name, root.resolve(name));
            } catch (LockObtainFailedException e) {
                throw e;
            } catch (EmbedderChanged e) {
                LOG.warn("The search index at {} {}; starting with an empty index at checkpoint 0, CoPKit re-indexes "
                        + "and re-embeds everything from the change feed", root.resolve(name), e.getMessage());
                g = freshOnDisk(root);
            } catch (IOException | RuntimeException e) {
                LOG.warn("The search index at {} is missing or corrupt ({}); starting with an empty index at "
                        + "checkpoint 0, CoPKit re-indexes from the change feed", root.resolve(name), e.toString());
                g = freshOnDisk(root);
            }
        } else {
            boolean leftovers;
            try (Stream<Path> s = Files.list(root)) {
                leftovers = s.anyMatch(p -> p.getFileName().toString().startsWith(GENERATION_PREFIX));
            }
            if (leftovers) {
                LOG.warn("The search index at {} has no {} pointer; starting with an empty index at checkpoint 0, "
                        + "CoPKit re-indexes from the change feed", root, POINTER);
            } else {
                LOG.info("Creating a new search index at {}", root);
            }
            g = freshOnDisk(root);
        }
        deleteOtherGenerations(root, g.name);
        return g;
    }

    private Generation openExisting(String name, Path path) throws IOException {
        if (!name.startsWith(GENERATION_PREFIX) || !Files.isDirectory(path)) {
            throw new IndexNotFoundException("no index directory " + path);
        }
        Directory dir = new MMapDirectory(path);
        try {
            if (!DirectoryReader.indexExists(dir)) {
                throw new IndexNotFoundException("no index in " + path);
            }
            long cp;
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                Map<String, String> data = reader.getIndexCommit().getUserData();
                if (!LAYOUT_VERSION.equals(data.get(LAYOUT))) {
                    throw new IOException("index layout " + data.get(LAYOUT) + ", expected " + LAYOUT_VERSION);
                }
                String stored = data.getOrDefault(EMBEDDER, NO_EMBEDDER);
                if (embedder != null && !stored.equals(signature(embedder))) {
                    throw new EmbedderChanged("has vectors of " + stored + ", the index is configured with "
                            + signature(embedder));
                }
                // without an embedder of its own the index may still get the kit's (useEmbedder), which checks
                indexedEmbedder = stored;
                if (config.verifyOnOpen) {
                    for (LeafReaderContext leaf : reader.leaves()) {
                        leaf.reader().checkIntegrity();
                    }
                }
                cp = Long.parseLong(data.getOrDefault(CHECKPOINT, "0"));
                loadVocabulary(reader);
            }
            Generation g = start(name, path, dir, IndexWriterConfig.OpenMode.APPEND);
            checkpoint.set(cp);
            committedCheckpoint = cp;
            return g;
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(dir);
            throw e;
        }
    }

    private void loadVocabulary(DirectoryReader reader) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, Docs.DUTCH_WORDS);
        if (terms == null) {
            return;
        }
        TermsEnum e = terms.iterator();
        for (BytesRef t = e.next(); t != null; t = e.next()) {
            analysis.learnDutch(t.utf8ToString());
        }
    }

    private Generation freshOnDisk(Path root) throws IOException {
        String name = nextGenerationName(root);
        Path path = root.resolve(name);
        Files.createDirectories(path);
        Generation g = start(name, path, new MMapDirectory(path), IndexWriterConfig.OpenMode.CREATE);
        try {
            checkpoint.set(0);
            indexedEmbedder = signature(embedder);
            commit(g, 0);
            writePointer(root, name);
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private Generation memoryGeneration() throws IOException {
        return start(GENERATION_PREFIX + "memory", null, new ByteBuffersDirectory(), IndexWriterConfig.OpenMode.CREATE);
    }

    private Generation start(String name, Path path, Directory dir, IndexWriterConfig.OpenMode mode)
            throws IOException {
        IndexWriterConfig iwc = new IndexWriterConfig(analysis.index()).setOpenMode(mode).setCommitOnClose(false);
        // Every write waits for a near-real-time reopen, which flushes the write's documents as a small
        // segment. Lucene's default lets that reopen wait up to 500 ms for merging the small segments it
        // just flushed (merge on refresh); the write would wait too. Background merges still combine them.
        iwc.setMaxFullFlushMergeWaitMillis(0);
        // Flushed segments (one per write batch) are kept as separate files instead of being copied once
        // more into a compound file; merged segments follow the merge policy (compound below 10% of the index).
        iwc.setUseCompoundFile(false);
        IndexWriter writer = new IndexWriter(dir, iwc);
        try {
            SearcherManager manager = new SearcherManager(writer, true, false, null);
            // the typo fallback's neighbour filter is built in the background, and new segments join it
            manager.addListener(new ReferenceManager.RefreshListener() {
                @Override
                public void beforeRefresh() {
                }

                @Override
                public void afterRefresh(boolean didRefresh) {
                    if (didRefresh) {
                        try {
                            IndexSearcher s = manager.acquire();
                            try {
                                typos.refreshed(s.getIndexReader());
                            } finally {
                                manager.release(s);
                            }
                        } catch (IOException | RuntimeException e) {
                            LOG.debug("Typo filter not warmed after a refresh: {}", e.toString());
                        }
                    }
                }
            });
            IndexSearcher first = manager.acquire();
            try {
                typos.refreshed(first.getIndexReader());
            } finally {
                manager.release(first);
            }
            return new Generation(name, path, dir, writer, manager);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer);
            throw e;
        }
    }

    private static String nextGenerationName(Path root) throws IOException {
        long max = 0;
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(GENERATION_PREFIX)) {
                    try {
                        max = Math.max(max, Long.parseLong(n.substring(GENERATION_PREFIX.length())));
                    } catch (NumberFormatException e) {
                        // not ours
                    }
                }
            }
        }
        return GENERATION_PREFIX + (max + 1);
    }

    private static void writePointer(Path root, String name) throws IOException {
        Path tmp = root.resolve(POINTER + ".tmp");
        Files.writeString(tmp, name + "\n", StandardCharsets.UTF_8);
        IOUtils.fsync(tmp, false);
        Files.move(tmp, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        IOUtils.fsync(root, true);
    }

    private static void deleteOtherGenerations(Path root, String keep) {
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(GENERATION_PREFIX) && !n.equals(keep)) {
                    IOUtils.rm(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not delete old search index generations in {}: {}", root, e.toString());
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void index(List<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        Embedder e = embedder;
        // embedding is the slow part: done before the write lock, in the caller's thread (CoPKit's indexer,
        // after the storage transaction committed)
        List<float[][]> vectors = e == null ? null : Vectors.embed(e, documents);
        write(g -> {
            if (e == null) {
                indexedEmbedder = NO_EMBEDDER; // documents without vectors from now on
            }
            add(g.writer, documents, vectors);
        });
    }

    @Override
    public void delete(List<Ref> refs) {
        if (refs.isEmpty()) {
            return;
        }
        write(g -> g.writer.deleteDocuments(refs.stream().map(Docs::keyTerm).toArray(Term[]::new)));
    }

    private interface WriteCall {
        void apply(Generation g) throws IOException;
    }

    /**
     * Runs a write, then reopens the searcher so that it shows the write (read-after-write). The reopen
     * runs in the caller's thread once the whole call is written; a writer that finds another reopen
     * running waits for it and reopens again only if its change is not in it yet. A call's change is one
     * atomic writer operation ({@link #add}, {@code deleteDocuments}), so no reopen (another writer's, the
     * timed one) and no commit sees part of it: a batch becomes one segment and readers see all of it or
     * none.
     */
    private void write(WriteCall call) {
        lock.readLock().lock();
        writing.incrementAndGet();
        try {
            ensureOpen();
            Generation g = current;
            call.apply(g);
            g.manager.maybeRefreshBlocking();
        } catch (IOException | AlreadyClosedException e) {
            throw new CopKitException(ErrorCode.SEARCH, "search index write failed: " + e, e);
        } finally {
            writing.decrementAndGet();
            lock.readLock().unlock();
        }
    }

    /**
     * Reopens the searcher: shows finished merges and releases the files of merged segments. Skipped while
     * a write is in progress, which reopens itself when it is done. The check is only a saving, not what
     * keeps a batch whole: a write can start right after it, and then this reopen waits in Lucene until
     * the write's batch is added in full ({@link #add} is one atomic block).
     */
    private void timedRefresh() {
        Generation g = current;
        if (closed.get() || writing.get() > 0) {
            return;
        }
        try {
            g.manager.maybeRefresh();
        } catch (IOException | RuntimeException e) {
            if (!closed.get() && g == current) {
                LOG.warn("Timed refresh of the search index failed: {}", e.toString());
            }
        }
    }

    /**
     * Adds or replaces the documents of a batch in one atomic writer operation: learns their Dutch
     * vocabulary first, then deletes the batch's keys and adds its documents (with their vectors) as one
     * block ({@link IndexWriter#updateDocuments(Query, Iterable)}). A near-real-time reopen or a commit
     * flushes a document writer only between operations, so whichever runs meanwhile (another write's
     * reopen, the timed refresh, the timed commit) sees all of the batch or none of it, and the batch
     * becomes one segment. (One {@code updateDocument} per document, as before, let a reopen that ran in
     * the middle of a batch show its first half.) The delete applies to documents added before the block,
     * never to the block itself; a document that occurs more than once in the batch is written once, as
     * its last occurrence, as sequential updates would leave it. A document that fails to index fails the
     * whole block.
     *
     * @param vectors per document its vectors, or null without an embedder
     */
    private void add(IndexWriter writer, List<SearchDocument> documents, List<float[][]> vectors) throws IOException {
        List<Set<String>> words = learn(documents);
        // the last occurrence of each key, in order of last occurrence
        Map<BytesRef, Integer> last = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            BytesRef key = Docs.keyTerm(documents.get(i).ref()).bytes();
            last.remove(key);
            last.put(key, i);
        }
        List<Integer> kept = List.copyOf(last.values());
        Query keys = new TermInSetQuery(Docs.ID, last.keySet());
        // documents are built as the writer takes them (one at a time, as before), inside the block
        Iterable<Document> block = () -> kept.stream().map(i -> Docs.document(documents.get(i),
                vectors == null ? null : vectors.get(i), words.get(i))).iterator();
        writer.updateDocuments(keys, block);
    }

    /**
     * Learns the compound vocabulary of a batch before any of it is written, so that a compound is split
     * against words of the same batch.
     *
     * @return per document, its distinct vocabulary words when it is Dutch, otherwise {@code null}
     */
    private List<Set<String>> learn(List<SearchDocument> documents) {
        List<Set<String>> out = new ArrayList<>(documents.size());
        for (SearchDocument d : documents) {
            out.add(Analysis.group(d.language()).equals("nl") ? analysis.learnDutchText(d.title() + "\n" + d.body())
                    : null);
        }
        return out;
    }

    @Override
    public void rebuild(Stream<SearchDocument> documents, long checkpoint) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            Path root = config.directory;
            Generation fresh;
            if (root == null) {
                fresh = memoryGeneration();
            } else {
                String name = nextGenerationName(root);
                Path path = root.resolve(name);
                Files.createDirectories(path);
                fresh = start(name, path, new MMapDirectory(path), IndexWriterConfig.OpenMode.CREATE);
            }
            try {
                Iterator<SearchDocument> it = documents.iterator();
                List<SearchDocument> batch = new ArrayList<>(REBUILD_BATCH);
                while (it.hasNext()) {
                    batch.add(it.next());
                    if (batch.size() == REBUILD_BATCH || !it.hasNext()) {
                        Embedder e = embedder;
                        add(fresh.writer, batch, e == null ? null : Vectors.embed(e, batch));
                        batch.clear();
                    }
                }
                commit(fresh, checkpoint, signature(embedder));
                fresh.manager.maybeRefreshBlocking();
                if (root != null) {
                    writePointer(root, fresh.name);
                }
            } catch (IOException | RuntimeException e) {
                fresh.close();
                if (fresh.path != null) {
                    IOUtils.rm(fresh.path);
                }
                throw e;
            }
            Generation old = current;
            current = fresh;
            indexedEmbedder = signature(embedder);
            this.checkpoint.set(checkpoint);
            committedCheckpoint = checkpoint;
            old.close();
            if (old.path != null) {
                deleteOtherGenerations(root, fresh.name);
            }
        } catch (IOException e) {
            throw new CopKitException(ErrorCode.SEARCH, "search index rebuild failed: " + e, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Uses the kit's embedder (see {@link SearchIndex#useEmbedder}). When the index holds documents
     * embedded by another model (or none), it starts over empty at checkpoint 0 (INFO log) and CoPKit's
     * indexer, which catches up right after this call, re-indexes and re-embeds everything from the change
     * feed.
     *
     * @throws CopKitException with {@link ErrorCode#CONFIGURATION} when the index was built with another
     *     embedder
     */
    @Override
    public synchronized boolean useEmbedder(Embedder embedder) {
        java.util.Objects.requireNonNull(embedder, "embedder");
        Embedder have = this.embedder;
        if (have == embedder) {
            return true;
        }
        if (have != null) {
            throw new CopKitException(ErrorCode.CONFIGURATION, "the search index already uses the embedder "
                    + signature(have) + "; it cannot also use " + signature(embedder));
        }
        signature(embedder); // validates
        lock.writeLock().lock();
        try {
            ensureOpen();
            this.embedder = embedder;
            if (!signature(embedder).equals(indexedEmbedder)) {
                if (checkpoint.get() > 0 || current.writer.getDocStats().numDocs > 0) {
                    LOG.info("The search index {} has vectors of {}, now {}: starting over at checkpoint 0, CoPKit "
                            + "re-indexes and re-embeds everything from the change feed", this, indexedEmbedder,
                            signature(embedder));
                    rebuild(Stream.empty(), 0);
                }
                indexedEmbedder = signature(embedder);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return the number of segments the current searcher sees (for tests) */
    int searchedSegments() {
        return read(s -> s.getIndexReader().leaves().size());
    }

    /** @return the settings of the live generation's writer (for tests) */
    LiveIndexWriterConfig writerConfig() {
        return current.writer.getConfig();
    }

    /** @return the embedder this index uses, if any */
    public Optional<Embedder> embedder() {
        return Optional.ofNullable(embedder);
    }

    static String signature(Embedder e) {
        if (e == null) {
            return NO_EMBEDDER;
        }
        String id = e.modelId();
        int dim = e.dimension();
        if (id == null || id.isBlank() || dim < 1) {
            throw new CopKitException(ErrorCode.CONFIGURATION,
                    "an embedder needs a non-blank modelId and a positive dimension but had " + id + "/" + dim);
        }
        return id.strip() + "/" + dim;
    }

    /** The stored vectors are of another embedder than the configured one. */
    private static final class EmbedderChanged extends IOException {
        private static final long serialVersionUID = 1L;

        EmbedderChanged(String message) {
            super(message);
        }
    }

    @Override
    public long checkpoint() {
        return checkpoint.get();
    }

    @Override
    public void checkpoint(long sequence) {
        ensureOpen();
        checkpoint.set(sequence);
    }

    /**
     * Commits now: everything indexed so far and the current checkpoint become durable. Normally not
     * needed (a timer commits, and {@link #close()} does).
     *
     * @throws CopKitException with {@link ErrorCode#SEARCH} when the commit fails or the index is closed
     */
    public void commit() {
        lock.readLock().lock();
        try {
            ensureOpen();
            commitIfChanged(current);
        } catch (IOException | AlreadyClosedException e) {
            throw new CopKitException(ErrorCode.SEARCH, "search index commit failed: " + e, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void timedCommit() {
        if (closed.get() || !lock.readLock().tryLock()) {
            return;
        }
        try {
            if (!closed.get()) {
                commitIfChanged(current);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Timed commit of the search index failed: {}", e.toString());
        } finally {
            lock.readLock().unlock();
        }
    }

    private synchronized void commitIfChanged(Generation g) throws IOException {
        long cp = checkpoint.get();
        if (g.writer.hasUncommittedChanges() || cp != committedCheckpoint) {
            commit(g, cp);
            committedCheckpoint = cp;
        }
    }

    private void commit(Generation g, long cp) throws IOException {
        commit(g, cp, indexedEmbedder);
    }

    private static void commit(Generation g, long cp, String embedderSignature) throws IOException {
        g.writer.setLiveCommitData(Map.of(CHECKPOINT, Long.toString(cp), LAYOUT, LAYOUT_VERSION, EMBEDDER,
                embedderSignature).entrySet());
        g.writer.commit();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // no interrupt: an interrupted timed commit or refresh would close the writer's file channels
        // (ClosedByInterruptException) and fail the final commit; a running one is let finish
        committer.shutdown();
        try {
            if (!committer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("A timed commit or refresh of the search index did not finish within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.writeLock().lock();
        try {
            Generation g = current;
            try {
                commitIfChanged(g);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Final commit of the search index failed: {}", e.toString());
            }
            g.close();
        } finally {
            lock.writeLock().unlock();
            typos.close();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new CopKitException(ErrorCode.SEARCH, "the search index is closed");
        }
    }

    // ------------------------------------------------------------------ reads

    interface SearchCall<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs a read on the current searcher; retries when a rebuild swapped the index meanwhile. */
    <T> T read(SearchCall<T> call) {
        for (int attempt = 0; ; attempt++) {
            ensureOpen();
            Generation g = current;
            IndexSearcher searcher;
            try {
                searcher = g.manager.acquire();
            } catch (AlreadyClosedException e) {
                if (attempt < 5 && g != current) {
                    continue;
                }
                throw new CopKitException(ErrorCode.SEARCH, "the search index is closed", e);
            } catch (IOException e) {
                throw new CopKitException(ErrorCode.SEARCH, "search failed: " + e, e);
            }
            try {
                return call.apply(searcher);
            } catch (IOException | UncheckedIOException e) {
                throw new CopKitException(ErrorCode.SEARCH, "search failed: " + e, e);
            } finally {
                try {
                    g.manager.release(searcher);
                } catch (IOException e) {
                    LOG.warn("Releasing a searcher failed: {}", e.toString());
                }
            }
        }
    }

    /**
     * Sums up the evidence from doc values of the profile and contribution documents (see {@link Expertise}).
     */
    @Override
    public List<org.copkit.search.MemberEvidence> experts(org.copkit.search.ExpertQuery q, ViewerScope scope) {
        java.util.Objects.requireNonNull(q, "query");
        java.util.Objects.requireNonNull(scope, "scope");
        return read(s -> Expertise.experts(s, q, scope));
    }

    /** Ranks the visible profile documents of the community's active members in one scored query. */
    @Override
    public List<org.copkit.search.PeerMatch> peers(org.copkit.search.PeerQuery q, ViewerScope scope) {
        java.util.Objects.requireNonNull(q, "query");
        java.util.Objects.requireNonNull(scope, "scope");
        return read(s -> Expertise.peers(s, q, scope));
    }

    @Override
    public SearchResult query(SearchQuery q, ViewerScope scope) {
        List<Query> filters = new ArrayList<>(Queries.filters(q));
        Query visibility = Queries.visibility(scope).orElse(null);
        if (visibility != null) {
            filters.add(visibility);
        }
        float[] vector = queryVector(q);
        return read(s -> {
            try {
                return query(s, q, queries.parse(q.text(), Queries.MAX_PARTS), filters, visibility, vector);
            } catch (IndexSearcher.TooManyClauses e) {
                return query(s, q, queries.parse(q.text(), 4), filters, visibility, vector);
            }
        });
    }

    /** @return the vector of the positive words of a relevance-sorted query, or null (no embedder, no words) */
    private float[] queryVector(SearchQuery q) {
        Embedder e = embedder;
        if (e == null || q.sort() != SearchQuery.Sort.RELEVANCE || q.offset() >= HYBRID_WINDOW) {
            return null;
        }
        Queries.Parsed p = queries.parse(q.text(), Queries.MAX_PARTS);
        String words = String.join(" ", p.positive().stream().map(Queries.Part::text).toList());
        return words.isBlank() ? null : Vectors.embedQuery(e, words);
    }

    private SearchResult query(IndexSearcher s, SearchQuery q, Queries.Parsed p, List<Query> filters,
            Query visibility, float[] vector) throws IOException {
        Query text = queries.text(p);
        Query full = Queries.filtered(text, filters);
        Sort sort = sort(q.sort());
        int n = q.offset() + q.limit();
        // with an embedder the first HYBRID_WINDOW lexical hits are re-ordered, so they are collected at once
        int window = vector == null ? n : Math.max(HYBRID_WINDOW, n);
        Pass pass = Pass.run(s, full, sort, window, q, config.fuzzyBelow);
        Optional<String> didYouMean = Optional.empty();
        // a total below fuzzyBelow is always exact (Pass counts exactly up to at least fuzzyBelow)
        if (pass.total() < config.fuzzyBelow && p.hasPositive()) {
            Map<String, List<Typos.Candidate>> typoWords = typoWords(s, p, visibility);
            didYouMean = didYouMean(s, p, filters, typoWords);
            Optional<Query> fuzzy = queries.fuzzy(p, expansions(p, typoWords));
            if (fuzzy.isPresent()) {
                Query fuzzyFull = Queries.filtered(fuzzy.get(), filters);
                Pass fuzzyPass = Pass.run(s, fuzzyFull, sort, window, q, config.fuzzyBelow);
                if (fuzzyPass.total() > pass.total()) {
                    pass = fuzzyPass;
                    text = fuzzy.get();
                    full = fuzzyFull;
                }
            }
        }
        ScoreDoc[] collected = pass.top().scoreDocs;
        ScoreDoc[] ranked = Arrays.copyOf(collected, Math.min(collected.length, n));
        if (vector != null && ranked.length > 1) {
            // hybrid: the first HYBRID_WINDOW lexical hits are re-ordered by BM25 and vector similarity; the
            // set of hits (and so totals and facets) stays the lexical one
            int w = Math.min(HYBRID_WINDOW, collected.length);
            ScoreDoc[] reranked = Hybrid.rerank(s, Arrays.copyOf(collected, w), vector, config.hybridWeight);
            ranked = Arrays.copyOf(reranked, Math.min(collected.length, n));
            System.arraycopy(collected, w, ranked, w, ranked.length - w);
        }
        ScoreDoc[] page = Arrays.copyOfRange(ranked, Math.min(q.offset(), ranked.length), ranked.length);
        return new SearchResult(hits(s, text, new TopDocs(pass.top().totalHits, page)), pass.total(),
                pass.facets(), didYouMean, pass.exact());
    }

    private static final SortField NEWEST = new SortField(Docs.UPDATED, SortField.Type.LONG, true);
    private static final SortField BY_KEY = new SortField(Docs.KEY_SORT, SortField.Type.STRING);

    /**
     * @param order relevance or recency
     * @return the Lucene sort: best score (relevance only), then newest update, then the document key, so
     *     that ties keep one order across reopens and merges
     */
    static Sort sort(SearchQuery.Sort order) {
        return order == SearchQuery.Sort.RECENCY ? new Sort(NEWEST, BY_KEY)
                : new Sort(SortField.FIELD_SCORE, NEWEST, BY_KEY);
    }

    private List<SearchHit> hits(IndexSearcher s, Query text, TopDocs page) throws IOException {
        Map<String, Query> perField = new LinkedHashMap<>();
        Analysis.GROUPS.forEach(g -> perField.put(Docs.body(g), text));
        return hits(s, perField, page);
    }

    /** @param snippetQueries per body field, the query its snippets are cut with */
    private List<SearchHit> hits(IndexSearcher s, Map<String, Query> snippetQueries, TopDocs page) throws IOException {
        if (page.scoreDocs.length == 0) {
            return List.of();
        }
        Snippets.Highlighted highlighted = snippets.highlight(s, snippetQueries, page, HIT_FIELDS);
        Map<String, String[]> highlights = highlighted.snippets();
        StoredFields stored = s.storedFields();
        List<SearchHit> out = new ArrayList<>(page.scoreDocs.length);
        for (int i = 0; i < page.scoreDocs.length; i++) {
            ScoreDoc sd = page.scoreDocs[i];
            Document d = highlighted.documents().get(sd.doc);
            if (d == null) {
                d = stored.document(sd.doc, HIT_FIELDS);
            }
            String title = d.get(Docs.S_TITLE);
            String[] forGroup = highlights.get(Docs.body(d.get(Docs.S_GROUP)));
            String snippet = Snippets.clean(forGroup == null ? null : forGroup[i]);
            if (snippet == null || snippet.isBlank()) {
                snippet = snippets.plain(title);
            }
            float score = Float.isNaN(sd.score) ? 0f : sd.score;
            out.add(new SearchHit(Docs.ref(d.get(Docs.ID)), title, snippet, Docs.community(d),
                    Locale.forLanguageTag(d.get(Docs.S_LANG)), d.get(Docs.S_STATUS),
                    Instant.parse(d.get(Docs.S_UPDATED)), score));
        }
        return out;
    }

    /**
     * The words of the query that no document the reader may see contains (single words, not excluded),
     * with the words of the index within reach of each as a typo: one edit from 4 letters, two from 8
     * ({@link Queries#edits}; a 4-letter word is only corrected, never expanded). A word that occurs in a
     * visible document is taken as meant and is not in the map ({@link Typos}).
     */
    private Map<String, List<Typos.Candidate>> typoWords(IndexSearcher s, Queries.Parsed p, Query visibility)
            throws IOException {
        Map<String, List<Typos.Candidate>> out = new LinkedHashMap<>();
        for (Queries.Part part : p.parts()) {
            if (part.negative() || part.phrase() || part.words().size() != 1) {
                continue;
            }
            String word = part.words().get(0);
            if (out.containsKey(word) || typos.visible(s, word, visibility)) {
                continue;
            }
            int reach = Math.max(Queries.edits(word), word.codePointCount(0, word.length()) >= 4 ? 1 : 0);
            out.put(word, reach == 0 ? List.of() : typos.candidates(s.getIndexReader(), word, reach));
        }
        return out;
    }

    /** Per typo word, its expansion for the fuzzy query (null: none within reach, or too short to expand). */
    private static Map<String, Query> expansions(Queries.Parsed p, Map<String, List<Typos.Candidate>> typoWords) {
        Map<String, Query> out = new HashMap<>();
        typoWords.forEach((word, candidates) -> {
            int edits = Queries.edits(word);
            out.put(word, edits == 0 ? null
                    : Typos.expansion(candidates, edits, word.codePointCount(0, word.length())));
        });
        return out;
    }

    /**
     * A correction of the words that no document the reader can see contains: for each, the closest word
     * of the index (fewest edits, then most documents; {@link Typos}) that occurs in at least one document
     * the reader can see under the same filters, so a suggestion never reveals a word of an invisible
     * document. Words the reader can see are left as they are.
     */
    private static Optional<String> didYouMean(IndexSearcher s, Queries.Parsed p, List<Query> filters,
            Map<String, List<Typos.Candidate>> typoWords) throws IOException {
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (Queries.Part part : p.parts()) {
            String rendered = part.phrase() ? "\"" + part.text() + "\"" : part.text();
            if (!part.negative() && !part.phrase() && !part.optional() && part.words().size() == 1) {
                List<Typos.Candidate> candidates = typoWords.getOrDefault(part.words().get(0), List.of());
                int checks = 0;
                for (Typos.Candidate c : candidates) {
                    if (checks++ == Typos.MAX_SUGGESTION_CHECKS) {
                        break;
                    }
                    if (Typos.any(s, Queries.filtered(new TermQuery(new Term(Docs.WORDS, c.word())), filters))) {
                        rendered = c.word();
                        changed = true;
                        break;
                    }
                }
            }
            out.add(part.negative() ? "-" + rendered : rendered);
        }
        return changed ? Optional.of(String.join(p.or() ? " OR " : " ", out)) : Optional.empty();
    }

    @Override
    public List<SearchHit> similar(SimilarQuery q, ViewerScope scope) {
        List<Query> filters = new ArrayList<>();
        Queries.visibility(scope).ifPresent(filters::add);
        filters.add(Queries.in(Docs.STATUS, Queries.CURRENT));
        if (!q.types().isEmpty()) {
            filters.add(Queries.in(Docs.TYPE, q.types().stream().map(Enum::name).toList()));
        }
        Embedder e = embedder;
        float[] vector = e == null ? null : Vectors.embedQuery(e, q.text());
        return read(s -> {
            SimilarText similar = similarText(s, analysis.query(), q.text());
            Query text = similar.text();
            BooleanQuery.Builder full = new BooleanQuery.Builder().add(text, Occur.MUST);
            filters.forEach(f -> full.add(f, Occur.FILTER));
            q.exclude().ifPresent(r -> full.add(new TermQuery(Docs.keyTerm(r)), Occur.MUST_NOT));
            if (vector == null) {
                return hits(s, similar.highlight(), s.search(full.build(), q.limit()));
            }
            // hybrid: lexical and nearest-neighbour candidates, both under the same filters (visibility,
            // current status, types, exclusion), fused by a normalised score combination
            int k = Math.max(HYBRID_CANDIDATES, q.limit() * 4);
            BooleanQuery.Builder filter = new BooleanQuery.Builder();
            filters.forEach(f -> filter.add(f, Occur.FILTER));
            q.exclude().ifPresent(r -> filter.add(new TermQuery(Docs.keyTerm(r)), Occur.MUST_NOT));
            TopDocs lexical = s.search(full.build(), k);
            // both nearest-neighbour searches filter by the same clauses: evaluate them once per segment
            Query allowed = new SharedFilter(filter.build());
            List<ScoreDoc> neighbours = new ArrayList<>();
            for (String field : List.of(Docs.TITLE_VECTOR, Docs.VECTOR)) {
                KnnFloatVectorQuery knn = new KnnFloatVectorQuery(field, vector, Math.max(k, HNSW_BREADTH), allowed);
                neighbours.addAll(Arrays.asList(s.search(knn, k).scoreDocs));
            }
            List<Hybrid.Scored> fused = Hybrid.fuse(s, lexical.scoreDocs, neighbours, text, vector,
                    config.hybridWeight, config.minSimilarity);
            ScoreDoc[] best = fused.stream().limit(q.limit()).map(h -> new ScoreDoc(h.doc(), h.score()))
                    .toArray(ScoreDoc[]::new);
            return hits(s, similar.highlight(), new TopDocs(lexical.totalHits, best));
        });
    }

    /**
     * The text query of {@link #similar} and the query its snippets are cut with.
     *
     * @param text the documents whose title (boosted 2x), body or tags are like the draft: the term
     *     clauses {@link LikeTerms} picks per field (as {@code MoreLikeThis} would; title and body of every
     *     language group, tags), all in one flat disjunction. A document has the title and body fields of its own group only,
     *     so its score is the sum of its group's title and body parts and the tags part, the same as
     *     when each group's fields were a nested clause filtered to the group; the flat form lets
     *     Lucene's block-max WAND skip documents on the maximum score of each term (four times faster
     *     on a million documents; same hits and scores, checked by {@code SimilarSnippetsTest})
     * @param highlight per body field, the part of {@code text} for that field only. Snippets come from
     *     the body fields, and in {@code text} every clause is optional and a document has the fields of its
     *     own group only, so the body matches of a document under {@code text} are exactly its matches under
     *     its body field's part; the highlighter, which builds a weight for its query for every highlighted
     *     document and field, then handles one of the seven {@code like()} queries instead of all of them
     *     (checked by {@code SimilarSnippetsTest})
     */
    record SimilarText(Query text, Map<String, Query> highlight) {}

    static SimilarText similarText(IndexSearcher searcher, Analyzer analyzer, String draft) throws IOException {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        Map<String, Query> bodies = new LinkedHashMap<>();
        addTerms(any, LikeTerms.like(searcher, analyzer, Docs.TAGS_TEXT, draft, MAX_SIMILAR_TERMS), 1f);
        for (String group : Analysis.GROUPS) {
            addTerms(any, LikeTerms.like(searcher, analyzer, Docs.title(group), draft, MAX_SIMILAR_TERMS), 2f);
            BooleanQuery body = LikeTerms.like(searcher, analyzer, Docs.body(group), draft, MAX_SIMILAR_TERMS);
            addTerms(any, body, 1f);
            bodies.put(Docs.body(group), body);
        }
        return new SimilarText(any.build(), bodies);
    }

    /** Adds the term clauses of a {@code like()} query (a disjunction of boosted terms), boosted once more. */
    private static void addTerms(BooleanQuery.Builder to, BooleanQuery like, float boost) {
        for (BooleanClause c : like.clauses()) {
            to.add(boost == 1f ? c.getQuery() : new BoostQuery(c.getQuery(), boost), Occur.SHOULD);
        }
    }

    @Override
    public List<String> suggest(String prefix, ViewerScope scope, int limit) {
        List<String> words = analysis.surfaceTokens(prefix);
        // the service allows 100 characters; longer input (only possible through the SPI) completes nothing
        if (words.isEmpty() || limit < 1 || prefix.length() > MAX_PREFIX) {
            return List.of();
        }
        List<String> used = words.subList(Math.max(0, words.size() - MAX_SUGGEST_WORDS), words.size());
        String tagPrefix = prefix.strip().toLowerCase(Locale.ROOT);
        String last = used.get(used.size() - 1);
        BooleanQuery.Builder title = new BooleanQuery.Builder();
        for (String w : used.subList(0, used.size() - 1)) {
            title.add(new TermQuery(new Term(Docs.TITLE_WORDS, w)), Occur.MUST);
        }
        title.add(new PrefixQuery(new Term(Docs.TITLE_WORDS, last)), Occur.MUST);
        BooleanQuery.Builder match = new BooleanQuery.Builder().add(title.build(), Occur.SHOULD);
        if (!tagPrefix.isEmpty()) {
            match.add(new PrefixQuery(new Term(Docs.TAG, tagPrefix)), Occur.SHOULD);
        }
        BooleanQuery.Builder full = new BooleanQuery.Builder().add(match.build(), Occur.MUST)
                .add(Queries.defaultStatuses(), Occur.FILTER);
        Queries.visibility(scope).ifPresent(v -> full.add(v, Occur.FILTER));
        return read(s -> {
            TopDocs top = s.search(full.build(), Math.max(SUGGEST_SCAN, limit * 5),
                    sort(SearchQuery.Sort.RECENCY));
            StoredFields stored = s.storedFields();
            TreeSet<String> tags = new TreeSet<>();
            TreeSet<String> titles = new TreeSet<>(Comparator.comparing((String t) -> t.toLowerCase(Locale.ROOT))
                    .thenComparing(Comparator.naturalOrder()));
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc, Set.of(Docs.S_TITLE, Docs.S_TAG));
                for (String tag : d.getValues(Docs.S_TAG)) {
                    if (!tagPrefix.isEmpty() && tag.startsWith(tagPrefix)) {
                        tags.add(tag);
                    }
                }
                String t = d.get(Docs.S_TITLE);
                if (analysis.surfaceTokens(t).stream().anyMatch(w -> w.startsWith(last))) {
                    titles.add(t);
                }
            }
            LinkedHashSet<String> out = new LinkedHashSet<>(tags);
            out.addAll(titles);
            return out.stream().limit(limit).toList();
        });
    }

    @Override
    public String toString() {
        return "LuceneSearchIndex[" + (config.directory == null ? "memory" : config.directory)
                + (embedder == null ? "" : ", " + signature(embedder)) + "]";
    }

    /**
     * Options of a {@link LuceneSearchIndex}. Not thread-safe; {@link #build()} opens the index.
     */
    public static final class Builder {
        private Path directory;
        private Duration refreshInterval = Duration.ofMillis(100);
        private Duration commitInterval = Duration.ofSeconds(5);
        private int fuzzyBelow = 1;
        private Set<String> dutchWords = Set.of();
        private boolean verifyOnOpen = true;
        private Embedder embedder;
        private double hybridWeight = DEFAULT_HYBRID_WEIGHT;
        private double minSimilarity = DEFAULT_MIN_SIMILARITY;

        private Builder() {}

        /**
         * @param directory where the index lives (created when missing); without it the index is in memory
         * @return this
         */
        public Builder directory(Path directory) {
            this.directory = java.util.Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param interval how often the near-real-time searcher is reopened while no write is in progress
         *     (writes through this index reopen it themselves before they return), so that finished merges
         *     become visible and merged-away files are released; 1 ms to 1 minute, default 100 ms
         * @return this
         */
        public Builder refreshInterval(Duration interval) {
            this.refreshInterval = within("refreshInterval", interval, Duration.ofMillis(1), Duration.ofMinutes(1));
            return this;
        }

        /**
         * @param interval how often changes and the checkpoint are committed durably; 10 ms to 1 hour,
         *     default 5 s. After a crash at most this much indexing is replayed from the change feed.
         * @return this
         */
        public Builder commitInterval(Duration interval) {
            this.commitInterval = within("commitInterval", interval, Duration.ofMillis(10), Duration.ofHours(1));
            return this;
        }

        /**
         * @param hits the typo-tolerant fallback and did-you-mean run when a query has fewer visible
         *     hits than this; 0 turns both off; default 1 (only queries without any hit)
         * @return this
         */
        public Builder fuzzyBelow(int hits) {
            if (hits < 0 || hits > 100) {
                throw new InvalidInputException("fuzzyBelow must be 0 to 100 but was " + hits);
            }
            this.fuzzyBelow = hits;
            return this;
        }

        /**
         * @param words Dutch words known from the start as compound parts (for example the host's domain
         *     vocabulary), in addition to the words the index learns from its Dutch documents
         * @return this
         */
        public Builder dutchWords(Collection<String> words) {
            this.dutchWords = Set.copyOf(words);
            return this;
        }

        /**
         * @param verify whether opening an on-disk index verifies the checksums of all its files (reads
         *     the whole index once; default true). A failed check replaces the index by an empty one.
         * @return this
         */
        public Builder verifyOnOpen(boolean verify) {
            this.verifyOnOpen = verify;
            return this;
        }

        /**
         * @param embedder embeds documents (title and start of the body) when they are indexed and the
         *     reader's text when searching; the index then stores a vector per document (HNSW, cosine)
         *     and ranks similar documents and text queries by BM25 and vector similarity. An on-disk index
         *     whose vectors are of another model id or dimension starts over empty at checkpoint 0 on open
         *     (WARN log) and CoPKit re-indexes from the change feed. Default: none (BM25 only).
         * @return this
         */
        public Builder embedder(Embedder embedder) {
            signature(embedder);
            this.embedder = embedder;
            return this;
        }

        /**
         * @param weight the share of vector similarity in the hybrid score, 0 to 1 (0: BM25 order, 1:
         *     vector order); default {@value LuceneSearchIndex#DEFAULT_HYBRID_WEIGHT}. Only used with an
         *     embedder.
         * @return this
         */
        public Builder hybridWeight(double weight) {
            if (!(weight >= 0 && weight <= 1)) {
                throw new InvalidInputException("hybridWeight must be 0 to 1 but was " + weight);
            }
            this.hybridWeight = weight;
            return this;
        }

        /**
         * @param cosine the least cosine similarity for which a similar document that shares no word with
         *     the draft is returned, -1 to 1; default {@value LuceneSearchIndex#DEFAULT_MIN_SIMILARITY}.
         *     Only used with an embedder.
         * @return this
         */
        public Builder minSimilarity(double cosine) {
            if (!(cosine >= -1 && cosine <= 1)) {
                throw new InvalidInputException("minSimilarity must be -1 to 1 but was " + cosine);
            }
            this.minSimilarity = cosine;
            return this;
        }

        /**
         * @return the opened index
         * @throws CopKitException with {@link ErrorCode#SEARCH} when the directory cannot be used
         */
        public LuceneSearchIndex build() {
            return new LuceneSearchIndex(this);
        }

        private static Duration within(String name, Duration d, Duration min, Duration max) {
            java.util.Objects.requireNonNull(d, name);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new InvalidInputException(name + " must be " + min + " to " + max + " but was " + d);
            }
            return d;
        }
    }
}
