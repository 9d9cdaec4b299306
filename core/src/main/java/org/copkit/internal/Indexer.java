package org.copkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.search.SearchDocument;
import org.copkit.spi.Change;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;

/**
 * Keeps the search index current: applies the storage change feed from the index's checkpoint, in
 * batches, and records the new checkpoint after each batch. Idempotent: applying a change twice
 * indexes the same document twice. Not API.
 */
public final class Indexer {
    private static final int BATCH = 500;

    private final Storage storage;
    private final SearchIndex search;

    Indexer(Storage storage, SearchIndex search) {
        this.storage = storage;
        this.search = search;
    }

    /** Applies every committed change after the index's checkpoint. */
    public synchronized void catchUp() {
        long checkpoint = search.checkpoint();
        while (true) {
            List<Change> changes = storage.changes().after(checkpoint, BATCH);
            if (changes.isEmpty()) {
                return;
            }
            List<Ref> refs = changes.stream().map(Change::ref).filter(Indexer::indexed).distinct().toList();
            List<SearchDocument> docs = new ArrayList<>();
            List<Ref> gone = new ArrayList<>();
            if (!refs.isEmpty()) {
                storage.read(tx -> {
                    for (Ref ref : refs) {
                        Optional<SearchDocument> doc = tx.items().find(KnowledgeItemId.of(ref.id()))
                                .map(Indexer::document);
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
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Page<KnowledgeItem> p = tx.items().list(page);
                p.items().forEach(i -> docs.add(document(i)));
                if (p.next().isEmpty()) {
                    return null;
                }
                page = page.after(p.next().get());
            }
        });
        search.rebuild(docs.stream(), head);
        catchUp();
    }

    private static boolean indexed(Ref ref) {
        return ref.type() == ObjectType.KNOWLEDGE_ITEM;
    }

    static SearchDocument document(KnowledgeItem i) {
        return new SearchDocument(new Ref(ObjectType.KNOWLEDGE_ITEM, i.id().value()), i.content().title(),
                i.content().body(), i.content().tags(), i.content().language(), i.status().name(), i.practice(),
                i.visibility(), i.updatedAt());
    }

}
