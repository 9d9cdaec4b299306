package org.copkit.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.member.Competence;
import org.copkit.member.Endorsement;
import org.copkit.member.EndorsementId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;
import org.copkit.search.ProfileFacts;
import org.copkit.search.SearchDocument;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Transaction;

/**
 * Member expertise profiles as search documents, for finding peers and experts: the display name as
 * title, the labels (in every language) of declared competencies and ambitions plus the location as
 * body, the declared competency labels as tags. Members who opted in with
 * {@code findableAsExpert} are visible platform-wide; the others only to their own organisation.
 *
 * <p>Each profile document carries {@link ProfileFacts} for the expert and peer finders: declared
 * competences with levels, ambitions, the live endorsements per competency (who endorses), the
 * organisation, {@code findableAsExpert} and the communities the member is active in. An endorsement or a
 * membership that changes re-indexes the member's document.
 */
final class MemberDocuments implements DocumentSource {
    private static final int MAX_TAG = 64;

    @Override
    public Set<ObjectType> types() {
        return Set.of(ObjectType.MEMBER);
    }

    @Override
    public Set<ObjectType> affectedBy() {
        return Set.of(ObjectType.ENDORSEMENT, ObjectType.MEMBERSHIP);
    }

    @Override
    public Set<Ref> affected(Transaction tx, Ref changed) {
        if (changed.type() == ObjectType.ENDORSEMENT) {
            return tx.endorsements().find(EndorsementId.of(changed.id()))
                    .map(e -> Set.of(new Ref(ObjectType.MEMBER, e.endorsee().value()))).orElse(Set.of());
        }
        // a membership's id is communityId/memberId, and ids may hold '/': the split whose membership exists
        String id = changed.id();
        for (int slash = id.indexOf('/'); slash > 0 && slash < id.length() - 1; slash = id.indexOf('/', slash + 1)) {
            MembershipKey key = new MembershipKey(CommunityId.of(id.substring(0, slash)),
                    MemberId.of(id.substring(slash + 1)));
            if (tx.memberships().find(key).isPresent()) {
                return Set.of(new Ref(ObjectType.MEMBER, key.member().value()));
            }
        }
        return Set.of();
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
                m.profile().languages().get(0), "ACTIVE", Optional.empty(), v, m.registeredAt())
                .withProfile(facts(tx, m));
    }

    static ProfileFacts facts(Transaction tx, Member m) {
        Map<CompetencyId, Proficiency> competences = new HashMap<>();
        m.profile().competences().forEach(c -> competences.put(c.competency(), c.level()));
        Map<CompetencyId, Set<MemberId>> endorsers = new HashMap<>();
        for (Endorsement e : StoreReads.all(p -> tx.endorsements().listByEndorsee(m.id(), p))) {
            if (e.current()) {
                endorsers.computeIfAbsent(e.competency(), k -> new HashSet<>()).add(e.endorser());
            }
        }
        Set<CommunityId> active = tx.memberships().listByMember(m.id()).stream().filter(Membership::active)
                .map(Membership::community).collect(Collectors.toSet());
        return new ProfileFacts(m.id(), m.organization(), m.profile().findableAsExpert(), competences,
                m.profile().ambitions(), endorsers, active);
    }

    private static void appendLabels(StringBuilder body, Competency comp) {
        comp.labels().values().forEach(l -> body.append(l).append('\n'));
    }
}
