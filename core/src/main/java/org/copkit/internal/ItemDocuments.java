package org.copkit.internal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.search.ContributionFacts;
import org.copkit.search.SearchDocument;
import org.copkit.spi.Transaction;

/**
 * Knowledge items as search documents. A current ({@code PUBLISHED} or {@code NEEDS_REVIEW}) item carries
 * {@link ContributionFacts}: it is its owner's contribution on its competencies.
 */
final class ItemDocuments implements DocumentSource {
    @Override
    public Set<ObjectType> types() {
        return Set.of(ObjectType.KNOWLEDGE_ITEM);
    }

    @Override
    public Optional<SearchDocument> load(Transaction tx, Ref ref) {
        return tx.items().find(KnowledgeItemId.of(ref.id())).map(ItemDocuments::document);
    }

    @Override
    public void all(Transaction tx, Consumer<SearchDocument> sink) {
        StoreReads.stream(p -> tx.items().list(p)).forEach(i -> sink.accept(document(i)));
    }

    static SearchDocument document(KnowledgeItem i) {
        SearchDocument d = new SearchDocument(new Ref(ObjectType.KNOWLEDGE_ITEM, i.id().value()), i.content().title(),
                i.content().body(), i.content().tags(), i.content().language(), i.status().name(), i.practice(),
                i.visibility(), i.updatedAt());
        boolean current = i.status() == ItemStatus.PUBLISHED || i.status() == ItemStatus.NEEDS_REVIEW;
        return current ? d.withContribution(new ContributionFacts(Set.of(i.owner()), i.content().competencies(),
                Optional.empty())) : d;
    }
}
