package org.copkit.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.Stage;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.knowledge.Revision;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Storage;

/** A tiny world for the module's own tests: org-a, member ann, domain dom, community com. */
final class TestData {
    static final Instant AT = Instant.parse("2025-03-30T00:59:59.123456Z");

    private TestData() {}

    static void world(Storage storage) {
        storage.write(tx -> {
            tx.organizations().insert(new Organization(OrganizationId.of("org-a"), "Org A", "", AT, 1));
            tx.members().insert(new Member(MemberId.of("ann"), MemberProfile.of("Ann", OrganizationId.of("org-a")), AT, 1));
            tx.domains().insert(new Domain(DomainId.of("dom"), "Domain", "", MemberId.of("ann"), AT, 1));
            tx.communities().insert(new Community(CommunityId.of("com"), DomainId.of("dom"), "Community", "",
                    MembershipPolicy.OPEN, Set.of(), AudienceLevel.COMMUNITY, Stage.POTENTIAL, MemberId.of("ann"), AT, 1));
            return null;
        });
    }

    static KnowledgeItem item(String id, String title) {
        return new KnowledgeItem(KnowledgeItemId.of(id), CommunityId.of("com"), Optional.empty(), ItemKind.ARTICLE,
                ItemContent.of(title, "Body of " + title, Locale.ENGLISH), Audience.community(), ItemStatus.DRAFT,
                MemberId.of("ann"), 1, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Provenance.authored(), AT, AT, 1);
    }

    static Revision revision(KnowledgeItem item) {
        return new Revision(item.id(), 1, item.content(), item.owner(), AT, "");
    }

    static KnowledgeItem retitled(KnowledgeItem i, String title) {
        return new KnowledgeItem(i.id(), i.community(), i.practice(), i.kind(), i.content().withTitle(title),
                i.audience(), i.status(), i.owner(), i.revision(), i.approvals(), i.reviewBy(), i.publishedAt(),
                i.supersededBy(), i.provenance(), i.createdAt(), i.updatedAt(), i.version() + 1);
    }
}
