package org.copkit.examples.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.knowledge.Approval;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.Test;

/** The review rule on its own: hand-made items, practices and approvals, no storage, no clock. */
class CoreApprovalReviewRulesTest {
    static final Instant T = Instant.parse("2026-01-05T09:00:00Z");
    static final CommunityId COP = CommunityId.of("cop");
    static final Practice PRACTICE = new Practice(PracticeId.of("subsidies"), COP, "Subsidies", "", Set.of(
            MemberId.of("sven")), Optional.empty(), 0, T, 1);

    final CoreApprovalReviewRules rules = new CoreApprovalReviewRules();

    static KnowledgeItem item(Optional<PracticeId> practice, List<Approval> approvals) {
        return new KnowledgeItem(KnowledgeItemId.of("item-1"), COP, practice, ItemKind.LESSON_LEARNED,
                ItemContent.of("Apply first", "Apply before installing.", Locale.ENGLISH),
                Audience.organization(OrganizationId.of("city")), ItemStatus.IN_REVIEW, MemberId.of("anna"), 1,
                approvals, Optional.empty(), Optional.empty(), Optional.empty(), Provenance.authored(), T, T, 2);
    }

    static Approval by(String member, Role role, boolean steward) {
        return new Approval(MemberId.of(member), role, steward, T);
    }

    @Test
    void aPracticeNeedsTwoApprovalsEvenWhenItAsksForNone() {
        assertThat(rules.requiredApprovals(item(Optional.of(PRACTICE.id()), List.of()), Optional.of(PRACTICE)))
                .isEqualTo(2);
    }

    @Test
    void onlyCoreMembersAndCoordinatorsCountInAPractice() {
        KnowledgeItem item = item(Optional.of(PRACTICE.id()), List.of());
        assertThat(rules.counts(item, by("bram", Role.CORE, false))).isTrue();
        assertThat(rules.counts(item, by("cora", Role.COORDINATOR, false))).isTrue();
        assertThat(rules.counts(item, by("sven", Role.MEMBER, true))).as("a steward who is a plain member").isFalse();
        assertThat(rules.counts(item, by("anna", Role.CORE, false))).as("the author").isFalse();
    }

    @Test
    void twoCoreApprovalsMakeAnItemReady() {
        Optional<Practice> p = Optional.of(PRACTICE);
        assertThat(rules.readyToPublish(item(Optional.of(PRACTICE.id()), List.of(by("bram", Role.CORE, false),
                by("sven", Role.MEMBER, true))), p)).isFalse();
        assertThat(rules.readyToPublish(item(Optional.of(PRACTICE.id()), List.of(by("bram", Role.CORE, false),
                by("cora", Role.COORDINATOR, false))), p)).isTrue();
    }

    @Test
    void itemsOutsideAPracticeAndReviewIntervalsFollowTheDefaults() {
        KnowledgeItem outside = item(Optional.empty(), List.of());
        assertThat(rules.requiredApprovals(outside, Optional.empty())).isZero();
        assertThat(rules.reviewInterval(outside, Optional.empty())).isEqualTo(Period.ofYears(2));
    }
}
