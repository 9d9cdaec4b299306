package org.copkit.internal;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.domain.Competency;
import org.copkit.member.Competence;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.search.SearchDocument;
import org.copkit.spi.Transaction;

/**
 * Member expertise profiles as search documents, for finding peers and experts: the display name as
 * title, the labels (in every language) of declared competencies and ambitions plus the location as
 * body, the declared competency labels as tags. Members who opted in with
 * {@code findableAsExpert} are visible platform-wide; the others only to their own organisation.
 */
final class MemberDocuments implements DocumentSource {
    private static final int MAX_TAG = 64;

    @Override
    public Set<ObjectType> types() {
        return Set.of(ObjectType.MEMBER);
    }

    @Override
    public Optional<SearchDocument> load(Transaction tx, Ref ref) {
        return tx.members().find(MemberId.of(ref.id())).map(m -> document(tx, m));
    }

    @Override
    public void all(Transaction tx, Consumer<SearchDocument> sink) {
        StoreReads.stream(p -> tx.members().list(p)).forEach(m -> sink.accept(document(tx, m)));
    }

    static SearchDocument document(Transaction tx, Member m) {
        StringBuilder body = new StringBuilder();
        Set<String> tags = new LinkedHashSet<>();
        for (Competence c : m.profile().competences()) {
            tx.competencies().find(c.competency()).ifPresent(comp -> {
                appendLabels(body, comp);
                String label = comp.label(m.profile().languages().get(0)).toLowerCase(java.util.Locale.ROOT);
                if (label.length() <= MAX_TAG) {
                    tags.add(label); // longer labels are still searchable through the body
                }
            });
        }
        m.profile().ambitions().forEach(a -> tx.competencies().find(a).ifPresent(comp -> appendLabels(body, comp)));
        m.profile().location().ifPresent(l -> body.append(l).append('\n'));
        Audience audience = m.profile().findableAsExpert() ? Audience.platform()
                : Audience.organization(m.organization());
        Visibility v = new Visibility(Optional.empty(), Optional.empty(), audience, false, Set.of(m.id()));
        return new SearchDocument(new Ref(ObjectType.MEMBER, m.id().value()), m.displayName(), body.toString(),
                tags.size() > 32 ? Set.copyOf(tags.stream().limit(32).toList()) : tags,
                m.profile().languages().get(0), "ACTIVE", Optional.empty(), v, m.registeredAt());
    }

    private static void appendLabels(StringBuilder body, Competency comp) {
        comp.labels().values().forEach(l -> body.append(l).append('\n'));
    }
}
