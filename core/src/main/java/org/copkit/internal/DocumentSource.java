package org.copkit.internal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.search.SearchDocument;
import org.copkit.spi.Transaction;

/** Turns one kind of stored aggregate into search documents, for the {@link Indexer}. */
interface DocumentSource {
    /** @return the object types whose changes this source indexes */
    Set<ObjectType> types();

    /**
     * @param tx a read transaction
     * @param ref a changed object of one of {@link #types()}
     * @return its document, or empty when it no longer exists or is not searchable
     */
    Optional<SearchDocument> load(Transaction tx, Ref ref);

    /**
     * @return types of other aggregates whose changes alter documents of this source (their change-feed
     *     entries are mapped to documents with {@link #affected})
     */
    default Set<ObjectType> affectedBy() {
        return Set.of();
    }

    /**
     * @param tx a read transaction
     * @param changed a changed object of one of {@link #affectedBy()}
     * @return the refs (of {@link #types()}) of the documents that change with it
     */
    default Set<Ref> affected(Transaction tx, Ref changed) {
        return Set.of();
    }

    /**
     * @param tx a read transaction
     * @param sink receives the document of every searchable object, for a rebuild
     */
    void all(Transaction tx, Consumer<SearchDocument> sink);
}
