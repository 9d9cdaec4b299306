package org.copkit.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostKind;
import org.copkit.search.ContributionFacts;
import org.copkit.search.SearchDocument;
import org.copkit.spi.Transaction;

/**
 * Questions and discussions as search documents: one per conversation, typed
 * {@link ObjectType#QUESTION} or {@link ObjectType#DISCUSSION} with the conversation's id, its
 * status name ({@code OPEN}, {@code ANSWERED}, ...) and its visibility. The body is the
 * conversation's body followed by the accepted answer and the other answers (or the replies), so
 * "already answered?" finds a question by the words of its answers. A changed post re-indexes its
 * conversation. An answered question carries {@link ContributionFacts}: it is the contribution of the
 * accepted answer's author on the question's competencies.
 */
final class ConversationDocuments implements DocumentSource {
    @Override
    public Set<ObjectType> types() {
        return Set.of(ObjectType.CONVERSATION, ObjectType.POST);
    }

    @Override
    public Optional<SearchDocument> load(Transaction tx, Ref ref) {
        Optional<Conversation> c = ref.type() == ObjectType.POST
                ? tx.posts().find(PostId.of(ref.id())).flatMap(p -> tx.conversations().find(p.conversation()))
                : tx.conversations().find(ConversationId.of(ref.id()));
        return c.map(x -> document(tx, x));
    }

    @Override
    public void all(Transaction tx, Consumer<SearchDocument> sink) {
        StoreReads.stream(p -> tx.conversations().list(p)).forEach(c -> sink.accept(document(tx, c)));
    }

    static SearchDocument document(Transaction tx, Conversation c) {
        List<Post> posts = StoreReads.all(page -> tx.posts().listByConversation(c.id(), page));
        StringBuilder body = new StringBuilder(c.content().body());
        Instant updated = c.updatedAt();
        Optional<Post> accepted = c.acceptedAnswer().flatMap(a -> posts.stream().filter(p -> p.id().equals(a))
                .findFirst());
        accepted.ifPresent(a -> body.append("\n\n").append(a.body()));
        for (Post p : posts) {
            if (p.updatedAt().isAfter(updated)) {
                updated = p.updatedAt();
            }
            if (p.kind() != PostKind.COMMENT && !c.acceptedAnswer().equals(Optional.of(p.id()))) {
                body.append("\n\n").append(p.body());
            }
        }
        ObjectType type = c.question() ? ObjectType.QUESTION : ObjectType.DISCUSSION;
        SearchDocument d = new SearchDocument(new Ref(type, c.id().value()), c.content().title(), body.toString(),
                c.content().tags(), c.content().language(), c.status().name(), c.practice(), c.visibility(), updated);
        if (c.kind() == ConversationKind.QUESTION && c.status() == ConversationStatus.ANSWERED
                && accepted.isPresent()) {
            return d.withContribution(new ContributionFacts(Set.of(accepted.get().author()),
                    c.content().competencies(), Optional.empty()));
        }
        return d;
    }
}
