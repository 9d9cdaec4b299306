package org.copkit;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.community.Stage;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.Approval;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;

/**
 * Plain values for rule tests: no CopKit instance, no storage, one fixed instant. Every factory
 * builds a valid record so tests only state what matters to them.
 */
public final class RuleFixtures {
    /** The instant every fixture is created at. */
    public static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    /** A clock fixed at {@link #NOW}. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public static final OrganizationId ORG_A = OrganizationId.of("gemeente-arnhem");
    public static final OrganizationId ORG_B = OrganizationId.of("gemeente-nijmegen");
    public static final OrganizationId ORG_C = OrganizationId.of("provincie-gelderland");
    public static final DomainId DOMAIN = DomainId.of("domain-water");

    private RuleFixtures() {}

    public static Community community(String id, String name, MembershipPolicy policy, OrganizationId... spanning) {
        return new Community(CommunityId.of(id), DOMAIN, name, "Why we exist", policy, Set.of(spanning),
                AudienceLevel.COMMUNITY, Stage.COALESCING, MemberId.of("founder"), NOW, 1);
    }

    public static Practice practice(String id, CommunityId community, int requiredApprovals,
            Optional<Period> reviewInterval) {
        return new Practice(PracticeId.of(id), community, "Practice " + id, "", Set.of(), reviewInterval,
                requiredApprovals, NOW, 1);
    }

    public static Member member(String id, OrganizationId organization) {
        return new Member(MemberId.of(id), MemberProfile.of("Member " + id, organization), NOW, 1);
    }

    public static Membership membership(CommunityId community, String member, Role role, MembershipState state) {
        return new Membership(community, MemberId.of(member), role, state, NOW,
                state == MembershipState.ACTIVE ? Optional.of(NOW) : Optional.empty(), Optional.empty(), 1);
    }

    public static KnowledgeItem item(String id, CommunityId community, Optional<PracticeId> practice, String owner,
            ItemKind kind, Audience audience, ItemStatus status, List<Approval> approvals) {
        return new KnowledgeItem(KnowledgeItemId.of(id), community, practice, kind,
                ItemContent.of("Title " + id, "Body", Locale.ENGLISH), audience, status, MemberId.of(owner), 1,
                approvals, Optional.empty(), Optional.empty(), Optional.empty(), Provenance.authored(), NOW, NOW, 1);
    }

    public static Approval approval(String approver, Role role, boolean steward) {
        return new Approval(MemberId.of(approver), role, steward, NOW);
    }
}
