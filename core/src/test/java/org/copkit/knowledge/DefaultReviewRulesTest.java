package org.copkit.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.RuleFixtures.approval;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.copkit.RuleFixtures;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.Practice;
import org.copkit.community.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ReviewRules#defaults()}: approvals, readiness and freshness, and a custom rule built on them. */
class DefaultReviewRulesTest {
    private static final ReviewRules RULES = ReviewRules.defaults();
    private static final CommunityId WATER = CommunityId.of("c-water");

    private static Practice practice(int approvals) {
        return RuleFixtures.practice("p-dikes", WATER, approvals, Optional.empty());
    }

    private static KnowledgeItem item(ItemStatus status, Approval... approvals) {
        return item(ItemKind.ARTICLE, status, approvals);
    }

    private static KnowledgeItem item(ItemKind kind, ItemStatus status, Approval... approvals) {
        return RuleFixtures.item("i-1", WATER, Optional.of(practice(0).id()), "owner", kind, Audience.community(),
                status, List.of(approvals));
    }

    @Nested
    class RequiredApprovals {
        @Test
        void requiredApprovals_isZero_withoutPractice() {
            assertThat(RULES.requiredApprovals(item(ItemStatus.DRAFT), Optional.empty())).isZero();
        }

        @ParameterizedTest
        @CsvSource({"0", "1", "2", "10"})
        void requiredApprovals_comesFromThePractice(int approvals) {
            assertThat(RULES.requiredApprovals(item(ItemStatus.DRAFT), Optional.of(practice(approvals))))
                    .isEqualTo(approvals);
        }
    }

    @Nested
    class Counting {
        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"CORE", "COORDINATOR"})
        void counts_approvalOfCoreMemberOrCoordinator(Role role) {
            assertThat(RULES.counts(item(ItemStatus.IN_REVIEW), approval("rev", role, false))).isTrue();
        }

        @Test
        void counts_notAnApprovalOfAPlainMember() {
            assertThat(RULES.counts(item(ItemStatus.IN_REVIEW), approval("rev", Role.MEMBER, false))).isFalse();
        }

        @Test
        void counts_anApprovalOfAPlainMember_whoStewardsThePractice() {
            assertThat(RULES.counts(item(ItemStatus.IN_REVIEW), approval("rev", Role.MEMBER, true))).isTrue();
        }

        @ParameterizedTest
        @EnumSource(Role.class)
        void counts_neverTheOwnersOwnApproval(Role role) {
            assertThat(RULES.counts(item(ItemStatus.IN_REVIEW), approval("owner", role, true))).isFalse();
        }
    }

    @Nested
    class ReadyToPublish {
        @Test
        void readyToPublish_draftWithoutPractice() {
            assertThat(RULES.readyToPublish(item(ItemStatus.DRAFT), Optional.empty())).isTrue();
        }

        @Test
        void readyToPublish_draftInPracticeNeedingNoApprovals() {
            assertThat(RULES.readyToPublish(item(ItemStatus.DRAFT), Optional.of(practice(0)))).isTrue();
        }

        @Test
        void readyToPublish_notADraft_whenApprovalsAreRequired() {
            assertThat(RULES.readyToPublish(item(ItemStatus.DRAFT, approval("a", Role.CORE, false)),
                    Optional.of(practice(1)))).isFalse();
        }

        @Test
        void readyToPublish_inReview_whenCountingApprovalsReachTheRequiredNumber() {
            KnowledgeItem i = item(ItemStatus.IN_REVIEW, approval("a", Role.CORE, false),
                    approval("b", Role.MEMBER, true));

            assertThat(RULES.readyToPublish(i, Optional.of(practice(2)))).isTrue();
        }

        @Test
        void readyToPublish_notInReview_whenCountingApprovalsFallShort() {
            KnowledgeItem i = item(ItemStatus.IN_REVIEW, approval("a", Role.CORE, false),
                    approval("b", Role.MEMBER, false), approval("owner", Role.COORDINATOR, true));

            assertThat(RULES.readyToPublish(i, Optional.of(practice(2)))).isFalse();
        }

        @Test
        void readyToPublish_countsADuplicateApproverOnce() {
            KnowledgeItem i = item(ItemStatus.IN_REVIEW, approval("a", Role.CORE, false),
                    approval("a", Role.CORE, true));

            assertThat(RULES.readyToPublish(i, Optional.of(practice(2)))).isFalse();
            assertThat(RULES.readyToPublish(i, Optional.of(practice(1)))).isTrue();
        }

        @Test
        void readyToPublish_inReviewWithoutApprovals_whenNoneAreRequired() {
            assertThat(RULES.readyToPublish(item(ItemStatus.IN_REVIEW), Optional.of(practice(0)))).isTrue();
        }

        @ParameterizedTest
        @EnumSource(value = ItemStatus.class, names = {"PUBLISHED", "NEEDS_REVIEW", "ARCHIVED", "SUPERSEDED"})
        void readyToPublish_never_forOtherStatuses(ItemStatus status) {
            KnowledgeItem i = item(status, approval("a", Role.CORE, false), approval("b", Role.COORDINATOR, false));

            assertThat(RULES.readyToPublish(i, Optional.empty())).isFalse();
            assertThat(RULES.readyToPublish(i, Optional.of(practice(1)))).isFalse();
        }
    }

    @Nested
    class Freshness {
        @ParameterizedTest
        @CsvSource({"TOOL, P6M", "ARTICLE, P1Y", "BEST_PRACTICE, P1Y", "TEMPLATE, P1Y", "LESSON_LEARNED, P2Y",
                "DECISION, P2Y", "CASE, P3Y"})
        void reviewInterval_dependsOnKind_withoutPracticeInterval(ItemKind kind, String interval) {
            KnowledgeItem i = item(kind, ItemStatus.PUBLISHED);

            assertThat(RULES.reviewInterval(i, Optional.empty())).isEqualTo(Period.parse(interval));
            assertThat(RULES.reviewInterval(i, Optional.of(practice(0)))).isEqualTo(Period.parse(interval));
        }

        @ParameterizedTest
        @EnumSource(ItemKind.class)
        void reviewInterval_comesFromThePractice_whenItHasOne(ItemKind kind) {
            Practice quarterly = RuleFixtures.practice("p-q", WATER, 0, Optional.of(Period.ofMonths(3)));

            assertThat(RULES.reviewInterval(item(kind, ItemStatus.PUBLISHED), Optional.of(quarterly)))
                    .isEqualTo(Period.ofMonths(3));
        }

        @Test
        void reviewBy_fromALeapDay_landsOnTheLastDayOfFebruary() {
            Instant leapDay = Instant.parse("2024-02-29T12:00:00Z");

            assertThat(RULES.reviewBy(item(ItemKind.ARTICLE, ItemStatus.PUBLISHED), Optional.empty(), leapDay))
                    .isEqualTo(Instant.parse("2025-02-28T12:00:00Z"));
        }

        @Test
        void reviewBy_acrossALeapDay_keepsTheDayOfMonth() {
            Instant from = Instant.parse("2023-12-31T23:30:00Z");

            assertThat(RULES.reviewBy(item(ItemKind.TOOL, ItemStatus.PUBLISHED), Optional.empty(), from))
                    .isEqualTo(Instant.parse("2024-06-30T23:30:00Z"));
            assertThat(RULES.reviewBy(item(ItemKind.CASE, ItemStatus.PUBLISHED), Optional.empty(),
                    Instant.parse("2024-02-29T00:00:00Z"))).isEqualTo(Instant.parse("2027-02-28T00:00:00Z"));
        }

        @Test
        void reviewBy_isUtcArithmetic_unaffectedByDaylightSavingTime() {
            // 31 March 2024 01:30 UTC is just before the EU switch to summer time; 27 October 2024 is the switch back
            Instant beforeSummerTime = Instant.parse("2024-03-31T00:30:00Z");
            Practice monthly = RuleFixtures.practice("p-m", WATER, 0, Optional.of(Period.ofMonths(7)));

            assertThat(RULES.reviewBy(item(ItemKind.ARTICLE, ItemStatus.PUBLISHED), Optional.of(monthly),
                    beforeSummerTime)).isEqualTo(Instant.parse("2024-10-31T00:30:00Z"));
            Practice daily = RuleFixtures.practice("p-d", WATER, 0, Optional.of(Period.ofDays(1)));
            assertThat(RULES.reviewBy(item(ItemKind.ARTICLE, ItemStatus.PUBLISHED), Optional.of(daily),
                    Instant.parse("2024-10-27T00:30:00Z"))).isEqualTo(Instant.parse("2024-10-28T00:30:00Z"));
        }

        @Test
        void reviewBy_atAFixedInstant_isTheIntervalLater() {
            assertThat(RULES.reviewBy(item(ItemKind.LESSON_LEARNED, ItemStatus.PUBLISHED), Optional.empty(),
                    RuleFixtures.NOW)).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        }
    }

    /**
     * A host's own review rule, built on the defaults: in a practice an item needs two approvals from
     * core members (CORE or COORDINATOR role); stewards who are plain members no longer count. Outside
     * practices, and for freshness, the defaults apply.
     */
    static final class TwoCoreApprovalsInPractices implements ReviewRules {
        private final ReviewRules defaults = ReviewRules.defaults();

        @Override
        public int requiredApprovals(KnowledgeItem item, Optional<Practice> practice) {
            return practice.isPresent() ? Math.max(2, defaults.requiredApprovals(item, practice)) : 0;
        }

        @Override
        public boolean counts(KnowledgeItem item, Approval approval) {
            return defaults.counts(item, approval) && approval.role().reviews();
        }

        @Override
        public Period reviewInterval(KnowledgeItem item, Optional<Practice> practice) {
            return defaults.reviewInterval(item, practice);
        }
    }

    @Nested
    class CustomRuleExample {
        private final ReviewRules rules = new TwoCoreApprovalsInPractices();

        @Test
        void needsTwoApprovals_inAPracticeThatAsksForFewer() {
            assertThat(rules.requiredApprovals(item(ItemStatus.DRAFT), Optional.of(practice(0)))).isEqualTo(2);
            assertThat(rules.requiredApprovals(item(ItemStatus.DRAFT), Optional.of(practice(3)))).isEqualTo(3);
            assertThat(rules.readyToPublish(item(ItemStatus.DRAFT), Optional.of(practice(0)))).isFalse();
        }

        @Test
        void isReady_withTwoCoreApprovals() {
            KnowledgeItem i = item(ItemStatus.IN_REVIEW, approval("a", Role.CORE, false),
                    approval("b", Role.COORDINATOR, false));

            assertThat(rules.readyToPublish(i, Optional.of(practice(1)))).isTrue();
        }

        @Test
        void isNotReady_whenOneApprovalComesFromAPlainMemberSteward() {
            KnowledgeItem i = item(ItemStatus.IN_REVIEW, approval("a", Role.CORE, false),
                    approval("b", Role.MEMBER, true));

            assertThat(rules.readyToPublish(i, Optional.of(practice(1)))).isFalse();
            assertThat(RULES.readyToPublish(i, Optional.of(practice(1)))).isTrue();
        }

        @Test
        void stillIgnoresTheOwnersApproval() {
            KnowledgeItem i = item(ItemStatus.IN_REVIEW, approval("a", Role.CORE, false),
                    approval("owner", Role.CORE, false));

            assertThat(rules.readyToPublish(i, Optional.of(practice(1)))).isFalse();
        }

        @Test
        void keepsTheDefaults_outsidePractices() {
            assertThat(rules.readyToPublish(item(ItemStatus.DRAFT), Optional.empty())).isTrue();
            assertThat(rules.reviewInterval(item(ItemKind.TOOL, ItemStatus.PUBLISHED), Optional.empty()))
                    .isEqualTo(Period.ofMonths(6));
        }
    }
}
