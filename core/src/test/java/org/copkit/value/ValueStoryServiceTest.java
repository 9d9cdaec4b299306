package org.copkit.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.EN;
import static org.copkit.Fixture.content;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.ParticipationSnapshot;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValueStoryServiceTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat
    private MemberId alex; // ACME, member
    private MemberId bob; // BETA, member
    private MemberId carl; // BETA, not a member
    private CommunityId heat;
    private KnowledgeItem acmeOnly;
    private KnowledgeItem shared;
    private final Ref session = new Ref(ObjectType.COMMUNITY, "not-checked-other-kinds");

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        carl = f.member("carl", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
        acmeOnly = f.published(anna, heat, Audience.organization(ACME), content("ACME checklist", "b"));
        shared = f.published(anna, heat, Audience.community(), content("Shared checklist", "b"));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static ValueStoryContent story(ValueCycle cycle, Ref... evidence) {
        return ValueStoryContent.of(cycle, "We saved a week", "The *checklist* saved us a week.", EN, evidence);
    }

    private static Ref item(KnowledgeItem i) {
        return Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id());
    }

    @Test
    void aMemberRecordsAStory_withEvidence_inTheCommunitysDefaultAudience() {
        ValueStory s = f.as(alex).valueStories().record(ValueStoryDraft.of(heat,
                story(ValueCycle.APPLIED, item(shared), item(acmeOnly), session)));
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.author()).isEqualTo(alex);
        assertThat(s.audience()).isEqualTo(Audience.community());
        assertThat(s.createdAt()).isEqualTo(f.clock.instant());
        assertThat(f.as(bob).valueStories().get(s.id()).title()).isEqualTo("We saved a week");
        assertThat(f.heard).last().satisfies(a -> {
            assertThat(a.verb()).isEqualTo(Verb.CREATED);
            assertThat(a.object()).isEqualTo(Ref.of(ObjectType.VALUE_STORY, s.id()));
            assertThat(a.visibility()).isEqualTo(s.visibility());
        });
    }

    @Test
    void evidenceTheReaderMayNotSee_isLeftOut_andKeptOnEdit() {
        ValueStory s = f.as(alex).valueStories().record(ValueStoryDraft.of(heat,
                story(ValueCycle.APPLIED, item(acmeOnly), item(shared), session)));
        ValueStory seenByBob = f.as(bob).valueStories().get(s.id());
        assertThat(seenByBob.content().evidence()).containsExactly(item(shared), session);
        assertThat(StoreSnapshot.all(p -> f.as(bob).valueStories().list(heat, Optional.empty(), p)))
                .singleElement().satisfies(x -> assertThat(x.content().evidence()).doesNotContain(item(acmeOnly)));

        // bob, made coordinator, edits what he sees: the ACME-only evidence he cannot see is kept
        f.role(heat, anna, bob, org.copkit.community.Role.COORDINATOR);
        ValueStory edited = f.as(bob).valueStories().edit(s.id(), s.version(),
                story(ValueCycle.REALISED, item(shared)), Audience.community());
        assertThat(edited.cycle()).isEqualTo(ValueCycle.REALISED);
        assertThat(edited.version()).isEqualTo(2);
        assertThat(f.as(alex).valueStories().get(s.id()).content().evidence())
                .containsExactly(item(shared), item(acmeOnly));
        // the author, who sees everything, may drop it
        ValueStory dropped = f.as(alex).valueStories().edit(s.id(), 2, story(ValueCycle.REALISED, item(shared)),
                Audience.community());
        assertThat(dropped.content().evidence()).containsExactly(item(shared));
    }

    @Test
    void organisationOnlyStories_neverReachAnotherOrganisation() {
        ValueStory s = f.as(alex).valueStories().record(ValueStoryDraft.of(heat, story(ValueCycle.IMMEDIATE))
                .withAudience(Audience.organization(ACME)));
        assertThatThrownBy(() -> f.as(bob).valueStories().get(s.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("value story " + s.id() + " does not exist");
        assertThat(StoreSnapshot.all(p -> f.as(bob).valueStories().list(heat, Optional.empty(), p))).isEmpty();
        assertThat(StoreSnapshot.all(p -> f.as(bob).activities().feed(Optional.of(heat), Optional.empty(), p)))
                .noneMatch(a -> a.object().type() == ObjectType.VALUE_STORY);
        assertThatThrownBy(() -> f.as(bob).valueStories().edit(s.id(), s.version(), story(ValueCycle.APPLIED),
                Audience.community())).isInstanceOf(NotFoundException.class);
        assertThat(f.as(anna).valueStories().get(s.id())).isEqualTo(s);
    }

    @Test
    void list_filtersByCycle_andPagesByCreation() {
        ValueStory a = f.as(alex).valueStories().record(ValueStoryDraft.of(heat, story(ValueCycle.APPLIED)));
        f.clock.advance(Duration.ofSeconds(1));
        ValueStory b = f.as(bob).valueStories().record(ValueStoryDraft.of(heat, story(ValueCycle.REFRAMING)));
        f.clock.advance(Duration.ofSeconds(1));
        ValueStory c = f.as(anna).valueStories().record(ValueStoryDraft.of(heat, story(ValueCycle.APPLIED)));
        assertThat(StoreSnapshot.all(p -> f.as(bob).valueStories().list(heat, Optional.empty(), p)))
                .containsExactly(a, b, c);
        assertThat(StoreSnapshot.all(p -> f.as(bob).valueStories().list(heat, Optional.of(ValueCycle.APPLIED), p)))
                .containsExactly(a, c);
        var first = f.as(bob).valueStories().list(heat, Optional.empty(), org.copkit.PageRequest.first(2));
        assertThat(first.items()).containsExactly(a, b);
        assertThat(first.next()).isPresent();
    }

    @Test
    void evidenceNamingAnInvisibleOrMissingItem_isInvalid_andChangesNothing() {
        assertRejected(() -> f.as(bob).valueStories().record(ValueStoryDraft.of(heat,
                story(ValueCycle.APPLIED, item(acmeOnly)))), InvalidInputException.class, ErrorCode.INVALID,
                "story.evidence", acmeOnly.id().value());
        assertRejected(() -> f.as(bob).valueStories().record(ValueStoryDraft.of(heat,
                story(ValueCycle.APPLIED, new Ref(ObjectType.KNOWLEDGE_ITEM, "no-such-item")))),
                InvalidInputException.class, ErrorCode.INVALID, "no-such-item");
    }

    @Test
    void nonMembers_othersAndStaleVersions_areRejected_andChangeNothing() {
        assertRejected(() -> f.as(carl).valueStories().record(ValueStoryDraft.of(heat, story(ValueCycle.APPLIED))),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "active members");
        assertRejected(() -> f.as(bob).valueStories().record(ValueStoryDraft.of(heat, story(ValueCycle.APPLIED))
                .withAudience(Audience.organization(ACME))), AccessDeniedException.class, ErrorCode.FORBIDDEN, "beta");
        ValueStory s = f.as(alex).valueStories().record(ValueStoryDraft.of(heat, story(ValueCycle.APPLIED)));
        assertRejected(() -> f.as(bob).valueStories().edit(s.id(), s.version(), story(ValueCycle.REALISED),
                Audience.community()), AccessDeniedException.class, ErrorCode.FORBIDDEN, "alex");
        assertRejected(() -> f.as(alex).valueStories().edit(s.id(), s.version() + 1, story(ValueCycle.REALISED),
                Audience.community()), ConflictException.class, ErrorCode.CONFLICT, "version");
        assertRejected(() -> f.as(alex).valueStories().record(ValueStoryDraft.of(CommunityId.of("nowhere"),
                story(ValueCycle.APPLIED))), NotFoundException.class, ErrorCode.NOT_FOUND, "nowhere");
        ValueStory byCoordinator = f.as(anna).valueStories().edit(s.id(), s.version(), story(ValueCycle.REALISED),
                Audience.community());
        assertThat(byCoordinator.author()).isEqualTo(alex);
    }

    @Test
    void content_validatesItsFields() {
        assertThatThrownBy(() -> ValueStoryContent.of(ValueCycle.APPLIED, " ", "s", EN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("story.title");
        assertThatThrownBy(() -> ValueStoryContent.of(ValueCycle.APPLIED, "t", "  ", EN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("story.story");
        Ref r = new Ref(ObjectType.KNOWLEDGE_ITEM, "x");
        assertThatThrownBy(() -> ValueStoryContent.of(ValueCycle.APPLIED, "t", "s", EN, r, r))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("story.evidence");
        assertThat(List.of(ValueCycle.values())).hasSize(5);
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
