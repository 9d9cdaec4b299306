package org.copkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.copkit.CopKitException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.search.SearchDocument;
import org.copkit.spi.Change;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index current: applies the storage change feed from the index's checkpoint, in
 * batches, and records the new checkpoint after each batch. Idempotent: applying a change twice
 * indexes the same document twice. Not API.
 */
public final class Indexer {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final int BATCH = 500;

    /** Every kind of searchable aggregate; add a source here to make a new aggregate searchable. */
    private static final List<DocumentSource> SOURCES = List.of(new ItemDocuments(), new ConversationDocuments(),
            new SessionDocuments(), new MemberDocuments());

    private final Storage storage;
    private final SearchIndex search;
    private final Map<ObjectType, DocumentSource> byType = new HashMap<>();
    /** Sources whose documents change with other aggregates (a member's profile with endorsements). */
    private final Map<ObjectType, List<DocumentSource>> affecting = new HashMap<>();

    Indexer(Storage storage, SearchIndex search) {
        this.storage = storage;
        this.search = search;
        for (DocumentSource s : SOURCES) {
            s.types().forEach(t -> byType.put(t, s));
            s.affectedBy().forEach(t -> affecting.computeIfAbsent(t, k -> new ArrayList<>()).add(s));
        }
    }

    /**
     * @return whether the index follows the change feed at all (false for an index that keeps nothing,
     *     whose checkpoint is {@code Long.MAX_VALUE})
     */
    boolean follows() {
        return search.checkpoint() != Long.MAX_VALUE;
    }

    /**
     * The catch-up when a kit starts. An index whose checkpoint is beyond the change feed's head reflects
     * a database that is no longer there (the database was restored from a backup, or the index belongs to
     * another database): following the feed from that checkpoint would skip every change up to it, so the
     * index is rebuilt from storage instead (logged at WARN). Otherwise {@link #catchUp()}.
     */
    void catchUpAtStart() {
        long checkpoint = search.checkpoint();
        if (checkpoint != Long.MAX_VALUE && checkpoint > 0) {
            long head = storage.changes().head();
            if (checkpoint > head) {
                LOG.warn("the search index has applied the change feed up to {}, but the storage's feed ends at {} "
                        + "(restored from a backup?); rebuilding the index from storage", checkpoint, head);
                rebuild();
                return;
            }
        }
        catchUp();
    }

    /** Applies every committed change after the index's checkpoint. */
    public void catchUp() {
        catchUp(() -> true);
    }

    /**
     * Applies every committed change after the index's checkpoint, in batches.
     *
     * @param keepGoing asked before each batch; false stops early (the checkpoint stays at the last
     *     applied batch)
     */
    synchronized void catchUp(java.util.function.BooleanSupplier keepGoing) {
        long checkpoint = search.checkpoint();
        if (checkpoint == Long.MAX_VALUE) {
            // an index that keeps nothing: no change can come after its checkpoint, so do not ask the feed
            // (the query would run after every burst of commits, on the same database as the writers)
            return;
        }
        while (keepGoing.getAsBoolean()) {
            List<Change> changes = storage.changes().after(checkpoint, BATCH);
            if (changes.isEmpty()) {
                return;
            }
            List<Ref> changed = changes.stream().map(Change::ref)
                    .filter(r -> byType.containsKey(r.type()) || affecting.containsKey(r.type())).distinct().toList();
            List<SearchDocument> docs = new ArrayList<>();
            List<Ref> gone = new ArrayList<>();
            if (!changed.isEmpty()) {
                storage.read(tx -> {
                    java.util.LinkedHashSet<Ref> refs = new java.util.LinkedHashSet<>();
                    for (Ref ref : changed) {
                        if (byType.containsKey(ref.type())) {
                            refs.add(ref);
                        }
                        for (DocumentSource s : affecting.getOrDefault(ref.type(), List.of())) {
                            refs.addAll(s.affected(tx, ref));
                        }
                    }
                    for (Ref ref : refs) {
                        Optional<SearchDocument> doc;
                        try {
                            doc = byType.get(ref.type()).load(tx, ref);
                        } catch (CopKitException e) {
                            // one object that cannot become a document must not stop the index for all others
                            LOG.warn("{} cannot be indexed and is left out of search: {}", ref, e.getMessage(), e);
                            doc = Optional.empty();
                        }
                        doc.ifPresentOrElse(docs::add, () -> gone.add(ref));
                    }
                    return null;
                });
            }
            if (!docs.isEmpty()) {
                search.index(docs);
            }
            if (!gone.isEmpty()) {
                search.delete(gone);
            }
            checkpoint = changes.get(changes.size() - 1).sequence();
            search.checkpoint(checkpoint);
        }
    }

    /** Rebuilds the whole index from storage, then applies what changed meanwhile. */
    public synchronized void rebuild() {
        long head = storage.changes().head();
        List<SearchDocument> docs = new ArrayList<>();
        storage.read(tx -> {
            SOURCES.forEach(s -> s.all(tx, docs::add));
            return null;
        });
        search.rebuild(docs.stream(), head);
        catchUp();
    }
}
