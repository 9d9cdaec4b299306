package org.copkit.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Fixture;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.ParticipationSnapshot;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.Role;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParticipationServiceTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat
    private MemberId alex; // ACME, member of heat
    private MemberId bob; // BETA, member of heat
    private MemberId carl; // BETA, not a member
    private CommunityId heat;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        carl = f.member("carl", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<Activity> levelChanges() {
        return StoreSnapshot.all(p -> f.kit.system().activities().feed(Optional.of(heat), Optional.empty(), p))
                .stream().filter(a -> a.verb() == Verb.LEVEL_CHANGED).toList();
    }

    private void createItems(MemberId who, int n) {
        for (int i = 0; i < n; i++) {
            f.draft(who, heat, Audience.community(), content("Note " + i, "body"));
        }
    }

    @Test
    void everyActiveMemberStartsPeripheral_sinceJoining() {
        ParticipationLevel l = f.as(bob).participation().level(heat, alex);
        assertThat(l.level()).isEqualTo(Level.PERIPHERAL);
        assertThat(l.version()).isZero();
        assertThat(l.since()).isEqualTo(f.kit.system().communities().membership(heat, alex).orElseThrow()
                .joinedAt().orElseThrow());
    }

    @Test
    void levelsRiseWithActivity_andFallWhenTheWindowPasses_recordingEachChangeOnce_roleUntouched() {
        createItems(alex, 3); // 9
        KnowledgeItem shared = f.published(anna, heat, Audience.community(), content("Shared", "body"));
        assertThat(f.as(alex).knowledge().viewed(shared.id())).isTrue(); // 10
        createItems(bob, 14); // 42

        List<ParticipationLevel> changed = f.as(anna).participation().recompute(heat);

        assertThat(changed).extracting(ParticipationLevel::member, ParticipationLevel::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(alex, Level.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple(bob, Level.CORE));
        assertThat(f.as(alex).participation().level(heat, alex).level()).isEqualTo(Level.ACTIVE);
        assertThat(f.as(alex).participation().level(heat, bob).since()).isEqualTo(f.clock.instant());
        assertThat(levelChanges()).hasSize(2);
        Activity alexChange = levelChanges().stream()
                .filter(a -> a.target().equals(Optional.of(Ref.of(ObjectType.MEMBER, alex)))).findFirst().orElseThrow();
        assertThat(alexChange.details()).containsEntry("from", "PERIPHERAL").containsEntry("to", "ACTIVE");
        assertThat(alexChange.object()).isEqualTo(new Ref(ObjectType.PARTICIPATION_LEVEL, heat + "/" + alex));

        // nothing changed: no new activity, no new version
        assertThat(f.as(anna).participation().recompute(heat)).isEmpty();
        assertThat(levelChanges()).hasSize(2);

        f.clock.advance(Duration.ofDays(91));
        List<ParticipationLevel> fell = f.kit.system().participation().recompute(heat);

        assertThat(fell).extracting(ParticipationLevel::member, ParticipationLevel::level, ParticipationLevel::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(alex, Level.PERIPHERAL, 2L),
                        org.assertj.core.groups.Tuple.tuple(bob, Level.PERIPHERAL, 2L));
        assertThat(levelChanges()).hasSize(4);
        assertThat(f.kit.system().communities().membership(heat, bob).orElseThrow().role()).isEqualTo(Role.MEMBER);
        assertThat(f.kit.system().communities().membership(heat, anna).orElseThrow().role())
                .isEqualTo(Role.COORDINATOR);
    }

    @Test
    void activityInAnotherCommunity_doesNotCount() {
        CommunityId grids = f.community(anna, "Grids");
        f.join(grids, alex);
        for (int i = 0; i < 5; i++) {
            f.draft(alex, grids, Audience.community(), content("Grid " + i, "b"));
        }
        f.as(anna).participation().recompute(heat);
        assertThat(f.as(alex).participation().level(heat, alex).level()).isEqualTo(Level.PERIPHERAL);
        f.as(anna).participation().recompute(grids);
        assertThat(f.as(alex).participation().level(grids, alex).level()).isEqualTo(Level.ACTIVE);
    }

    @Test
    void membersByLevel_listsActiveMembersAtThatLevel_pagedByMemberId() {
        createItems(alex, 4);
        f.as(anna).participation().recompute(heat);
        assertThat(StoreSnapshot.all(p -> f.as(bob).participation().members(heat, Level.ACTIVE, p)))
                .extracting(ParticipationLevel::member).containsExactly(alex);
        var first = f.as(bob).participation().members(heat, Level.PERIPHERAL, PageRequest.first(1));
        assertThat(first.items()).extracting(ParticipationLevel::member).containsExactly(anna);
        assertThat(first.next()).contains("anna");
        assertThat(StoreSnapshot.all(p -> f.as(bob).participation().members(heat, Level.PERIPHERAL, p)))
                .extracting(ParticipationLevel::member).containsExactly(anna, bob);
        assertThat(StoreSnapshot.all(p -> f.as(bob).participation().members(heat, Level.CORE, p))).isEmpty();
    }

    @Test
    void aMemberWhoLeft_isNoLongerListedOrReported() {
        createItems(alex, 4);
        f.as(anna).participation().recompute(heat);
        f.as(alex).communities().leave(heat);
        assertThat(StoreSnapshot.all(p -> f.as(bob).participation().members(heat, Level.ACTIVE, p))).isEmpty();
        assertThatThrownBy(() -> f.as(bob).participation().level(heat, alex)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void levels_areHiddenFromNonMembers() {
        assertThatThrownBy(() -> f.as(carl).participation().level(heat, alex)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("alex");
        assertThatThrownBy(() -> f.as(carl).participation().members(heat, Level.PERIPHERAL, PageRequest.first(10)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("active members");
    }

    @Test
    void viewed_recordsOneViewPerDay_andCountsTowardsParticipation() {
        KnowledgeItem item = f.published(anna, heat, Audience.community(), content("Read me", "body"));
        assertThat(f.as(bob).knowledge().viewed(item.id())).isTrue();
        assertThat(f.as(bob).knowledge().viewed(item.id())).isFalse();
        f.clock.advance(Duration.ofHours(25));
        assertThat(f.as(bob).knowledge().viewed(item.id())).isTrue();
        List<Activity> views = StoreSnapshot.all(p -> f.kit.system().activities().history(
                Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()), p)).stream().filter(a -> a.verb() == Verb.VIEWED).toList();
        assertThat(views).hasSize(2).allSatisfy(a -> {
            assertThat(a.actor()).isEqualTo(bob);
            assertThat(a.community()).contains(heat);
            assertThat(a.visibility()).isEqualTo(item.visibility());
        });
    }

    @Test
    void viewingAnotherOrganisationsItem_isNotFound_andRecordsNothing() {
        KnowledgeItem acmeOnly = f.published(anna, heat, Audience.organization(ACME), content("Internal", "body"));
        assertRejected(() -> f.as(bob).knowledge().viewed(acmeOnly.id()), NotFoundException.class, ErrorCode.NOT_FOUND,
                acmeOnly.id().value());
        // a BETA member's feed never shows ACME's views of it either
        f.as(alex).knowledge().viewed(acmeOnly.id());
        assertThat(StoreSnapshot.all(p -> f.as(bob).activities().feed(Optional.of(heat), Optional.empty(), p)))
                .noneMatch(a -> a.object().id().equals(acmeOnly.id().value()));
    }

    @Test
    void recompute_byANonCoordinator_isDenied_andChangesNothing() {
        createItems(alex, 4);
        assertRejected(() -> f.as(alex).participation().recompute(heat), AccessDeniedException.class,
                ErrorCode.FORBIDDEN, "coordinators");
        assertRejected(() -> f.as(alex).participation().recompute(CommunityId.of("nowhere")), NotFoundException.class,
                ErrorCode.NOT_FOUND, "nowhere");
    }

    @Test
    void customRules_replaceTheDefaults_throughTheBuilder_once() {
        Fixture custom = Fixture.create(b -> b.participationRules(
                ParticipationRules.of(ParticipationConfig.defaults().withWeight("JOINED", 50))));
        try {
            MemberId x = custom.member("xavier", ACME);
            CommunityId c = custom.community(x, "Custom");
            MemberId y = custom.member("yara", ACME);
            custom.join(c, y);
            assertThat(custom.as(x).participation().recompute(c)).extracting(ParticipationLevel::level)
                    .containsExactly(Level.CORE, Level.CORE);
        } finally {
            custom.close();
        }
        CopKit.Builder b = CopKit.builder().participationRules(ParticipationRules.defaults());
        assertThatThrownBy(() -> b.participationRules(ParticipationRules.defaults()))
                .isInstanceOf(CopKitException.class).hasMessageContaining("participationRules was already set");
    }

    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, ErrorCode code,
            String... parts) {
        ParticipationSnapshot before = ParticipationSnapshot.of(f);
        int heard = f.heard.size();
        Throwable e = catchThrowable(call);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(((CopKitException) e).code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(parts);
        assertThat(ParticipationSnapshot.of(f)).isEqualTo(before);
        assertThat(f.heard).hasSize(heard);
    }
}
