package org.copkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.time.Period;
import java.util.Optional;
import org.copkit.AccessDeniedException;
import org.copkit.Fixture;
import org.copkit.StoreSnapshot;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipRules;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.ReviewRules;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.Test;

/** Hosts plug their own rules in through the builder, usually deciding first and delegating to the defaults. */
class CustomRulesTest {

    @Test
    void accessRules_thatForbidPublishingForOneOrganisation_applyToItsMembersOnly() {
        AccessRules noBetaPublishing = (actor, request) ->
                request.action() == Action.PUBLISH_ITEM && actor.organization().equals(BETA)
                        ? Decision.deny("members of beta may not publish here")
                        : AccessRules.defaults().decide(actor, request);
        try (Fixture f = Fixture.create(b -> b.accessRules(noBetaPublishing))) {
            MemberId anna = f.member("anna", ACME);
            MemberId bob = f.member("bob", BETA);
            CommunityId c = f.community(anna, "Heat");
            f.join(c, bob);
            KnowledgeItem bobs = f.draft(bob, c, Audience.platform(), content("Bob's", "b"));
            StoreSnapshot before = f.snapshot();
            assertThatThrownBy(() -> f.as(bob).knowledge().publish(bobs.id(), bobs.version()))
                    .isExactlyInstanceOf(AccessDeniedException.class).hasMessage("members of beta may not publish here");
            assertThat(f.snapshot()).isEqualTo(before);
            // bob may still do everything else, and acme members still publish
            KnowledgeItem edited = f.as(bob).knowledge().edit(bobs.id(), bobs.version(),
                    bobs.content().withBody("more"), "");
            assertThat(edited.revision()).isEqualTo(2);
            assertThat(f.published(anna, c, Audience.platform(), content("Anna's", "a")).status())
                    .isEqualTo(ItemStatus.PUBLISHED);
            // the coordinator (acme) may publish bob's draft as its reviewer
            assertThat(f.as(anna).knowledge().publish(edited.id(), edited.version()).status())
                    .isEqualTo(ItemStatus.PUBLISHED);
        }
    }

    @Test
    void membershipRules_canMakeEveryJoinPending() {
        MembershipRules alwaysAsk = new MembershipRules() {
            @Override
            public JoinDecision join(Community community, Member member, Optional<Membership> current) {
                JoinDecision d = MembershipRules.defaults().join(community, member, current);
                return d.decision().allowed() && d.state() == MembershipState.ACTIVE
                        && current.map(m -> m.state() != MembershipState.INVITED).orElse(true)
                        ? JoinDecision.admit(MembershipState.PENDING) : d;
            }

            @Override
            public Decision invite(Community community, Member invitee, Optional<Membership> current) {
                return MembershipRules.defaults().invite(community, invitee, current);
            }
        };
        try (Fixture f = Fixture.create(b -> b.membershipRules(alwaysAsk))) {
            MemberId anna = f.member("anna", ACME);
            MemberId alex = f.member("alex", ACME);
            CommunityId open = f.community(anna, "Open in name only");
            assertThat(f.as(alex).communities().join(open).state()).isEqualTo(MembershipState.PENDING);
        }
    }

    @Test
    void reviewRules_canChangeApprovalsAndIntervals() {
        ReviewRules quarterly = new ReviewRules() {
            @Override
            public int requiredApprovals(KnowledgeItem item, Optional<Practice> practice) {
                return 1;
            }

            @Override
            public boolean counts(KnowledgeItem item, org.copkit.knowledge.Approval approval) {
                return ReviewRules.defaults().counts(item, approval);
            }

            @Override
            public Period reviewInterval(KnowledgeItem item, Optional<Practice> practice) {
                return Period.ofMonths(3);
            }
        };
        try (Fixture f = Fixture.create(b -> b.reviewRules(quarterly))) {
            MemberId anna = f.member("anna", ACME);
            MemberId alex = f.member("alex", ACME);
            CommunityId c = f.community(anna, "Heat");
            f.join(c, alex);
            KnowledgeItem d = f.draft(alex, c, Audience.platform(), content("Needs one", ""));
            assertThatThrownBy(() -> f.as(alex).knowledge().publish(d.id(), d.version()))
                    .isInstanceOf(org.copkit.ConflictException.class).hasMessageContaining("needs 1");
            KnowledgeItem s = f.as(alex).knowledge().submit(d.id(), d.version());
            s = f.as(anna).knowledge().approve(s.id(), s.version());
            KnowledgeItem p = f.as(alex).knowledge().publish(s.id(), s.version());
            assertThat(p.reviewBy()).contains(org.copkit.TestClock.START.atOffset(java.time.ZoneOffset.UTC)
                    .plusMonths(3).toInstant());
        }
    }
}
