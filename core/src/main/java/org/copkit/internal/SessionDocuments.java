package org.copkit.internal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.search.ContributionFacts;
import org.copkit.search.SearchDocument;
import org.copkit.session.Session;
import org.copkit.session.SessionId;
import org.copkit.session.SessionStatus;
import org.copkit.spi.Transaction;

/**
 * Sessions as search documents: title, agenda, notes and place; status {@code SCHEDULED} or
 * {@code CANCELLED}; the session's visibility (hosts are editors); the language of the first host. A
 * session that is not cancelled carries {@link ContributionFacts}: from its start on it is its hosts'
 * contribution to its community.
 */
final class SessionDocuments implements DocumentSource {
    @Override
    public Set<ObjectType> types() {
        return Set.of(ObjectType.SESSION);
    }

    @Override
    public Optional<SearchDocument> load(Transaction tx, Ref ref) {
        return tx.sessions().find(SessionId.of(ref.id())).map(x -> document(tx, x));
    }

    @Override
    public void all(Transaction tx, Consumer<SearchDocument> sink) {
        StoreReads.stream(p -> tx.sessions().list(p)).forEach(s -> sink.accept(document(tx, s)));
    }

    static SearchDocument document(Transaction tx, Session s) {
        StringBuilder body = new StringBuilder(s.agenda());
        s.place().ifPresent(p -> body.append("\n\n").append(p));
        if (!s.notes().isEmpty()) {
            body.append("\n\n").append(s.notes());
        }
        SearchDocument d = new SearchDocument(new Ref(ObjectType.SESSION, s.id().value()), s.title(),
                body.toString(), Set.of(), language(tx, s), s.status().name(), s.practice(), s.visibility(),
                s.updatedAt());
        return s.status() == SessionStatus.CANCELLED ? d
                : d.withContribution(new ContributionFacts(s.hosts(), Set.of(), Optional.of(s.start())));
    }

    /** Sessions carry no language of their own: they are in the first language of their first host. */
    private static java.util.Locale language(Transaction tx, Session s) {
        return s.hosts().stream().sorted().findFirst().flatMap(h -> tx.members().find(h))
                .map(m -> m.profile().languages().get(0)).orElse(java.util.Locale.ENGLISH);
    }
}
