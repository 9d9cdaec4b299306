package org.copkit.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.util.List;
import java.util.Optional;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.Fixture;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.Role;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.Provenance;
import org.copkit.member.MemberId;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationServiceTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId alex; // ACME, member: asks
    private MemberId bob; // BETA, member: answers
    private MemberId carl; // BETA, member
    private CommunityId heat;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        carl = f.member("carl", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob, carl);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ConversationService as(MemberId m) {
        return f.as(m).conversations();
    }

    private Conversation ask(MemberId m, String title, String body) {
        return as(m).ask(ConversationDraft.of(heat, content(title, body)).withAudience(Audience.community()));
    }

    private List<Activity> heard(Verb verb) {
        return f.heard.stream().filter(a -> a.verb() == verb).toList();
    }

    @Test
    void ask_createsAnOpenQuestion_withRevisionOne_andRecordsAsked() {
        Conversation q = ask(alex, "Which heat pump for a 1930s house?", "Poor insulation, radiators.");

        assertThat(q.kind()).isEqualTo(ConversationKind.QUESTION);
        assertThat(q.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(q.revision()).isEqualTo(1);
        assertThat(q.version()).isEqualTo(1);
        assertThat(q.author()).isEqualTo(alex);
        assertThat(as(bob).get(q.id())).isEqualTo(q);
        assertThat(as(alex).revisions(q.id(), PageRequest.first(10)).items()).extracting(ConversationRevision::number)
                .containsExactly(1);
        assertThat(heard(Verb.ASKED)).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo(alex);
            assertThat(a.object()).isEqualTo(Ref.of(ObjectType.CONVERSATION, q.id()));
        });
    }

    @Test
    void ask_withoutAudience_takesTheCommunityDefault() {
        Conversation q = as(alex).ask(ConversationDraft.of(heat, content("Default audience?", "")));

        assertThat(q.audience()).isEqualTo(Audience.community());
    }

    @Test
    void answer_recordsTheAnswersAuthorAndTheConversation_andNotifiesNobodyBreaks() {
        Conversation q = ask(alex, "Question", "Body");

        Post a = as(bob).answer(q.id(), "Use a hybrid heat pump.");

        assertThat(a.kind()).isEqualTo(PostKind.ANSWER);
        assertThat(a.conversation()).isEqualTo(q.id());
        assertThat(heard(Verb.ANSWERED)).singleElement().satisfies(act -> {
            assertThat(act.actor()).isEqualTo(bob);
            assertThat(act.object()).isEqualTo(Ref.of(ObjectType.POST, a.id()));
            assertThat(act.target()).contains(Ref.of(ObjectType.CONVERSATION, q.id()));
        });
    }

    @Test
    void accept_byTheAsker_marksAnswered_andAcceptingAnotherReplacesIt() {
        Conversation q = ask(alex, "Question", "Body");
        Post first = as(bob).answer(q.id(), "First answer");
        Post second = as(carl).answer(q.id(), "Second answer");

        Conversation answered = as(alex).accept(first.id(), q.version());
        assertThat(answered.status()).isEqualTo(ConversationStatus.ANSWERED);
        assertThat(answered.acceptedAnswer()).contains(first.id());

        Conversation replaced = as(alex).accept(second.id(), answered.version());
        assertThat(replaced.acceptedAnswer()).contains(second.id());
        assertThat(replaced.status()).isEqualTo(ConversationStatus.ANSWERED);
        assertThat(heard(Verb.ACCEPTED)).extracting(a -> a.details().get("author"))
                .containsExactly(bob.value(), carl.value());
        assertThat(heard(Verb.ACCEPTED).get(1).details()).containsEntry("replaced", first.id().value());
    }

    @Test
    void accept_byACoordinator_isAllowed_byAnotherMember_isDenied() {
        Conversation q = ask(alex, "Question", "Body");
        Post a = as(bob).answer(q.id(), "Answer");

        assertThatThrownBy(() -> as(carl).accept(a.id(), q.version())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(bob).accept(a.id(), q.version())).isInstanceOf(AccessDeniedException.class);
        assertThat(as(anna).accept(a.id(), q.version()).acceptedAnswer()).contains(a.id());
    }

    @Test
    void accept_ofAComment_orWithAStaleVersion_isAConflict() {
        Conversation q = ask(alex, "Question", "Body");
        Post a = as(bob).answer(q.id(), "Answer");
        Post c = as(carl).comment(q.id(), Optional.of(a.id()), "Nice");

        assertThatThrownBy(() -> as(alex).accept(c.id(), q.version())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("COMMENT");
        assertThatThrownBy(() -> as(alex).accept(a.id(), q.version() + 1)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("version");
    }

    @Test
    void votes_areOnePerMember_changeable_withdrawable_andKeepTheScore() {
        Conversation q = ask(alex, "Question", "Body");
        Post a = as(bob).answer(q.id(), "Answer");

        assertThat(as(alex).vote(a.id(), VoteValue.UP).score()).isEqualTo(1);
        assertThat(as(alex).vote(a.id(), VoteValue.UP).score()).as("repeating is a no-op").isEqualTo(1);
        assertThat(as(carl).vote(a.id(), VoteValue.UP).score()).isEqualTo(2);
        assertThat(as(carl).vote(a.id(), VoteValue.DOWN).score()).isEqualTo(0);
        assertThat(as(alex).vote(a.id(), VoteValue.NONE).score()).isEqualTo(-1);
        assertThat(as(bob).vote(q.id(), VoteValue.UP).score()).isEqualTo(1);
        assertThat(as(anna).getPost(a.id()).score()).isEqualTo(-1);
        assertThat(heard(Verb.VOTED)).hasSize(5).allSatisfy(v -> assertThat(v.details()).containsKey("author"));
    }

    @Test
    void vote_onOwnPostOrQuestion_isDenied() {
        Conversation q = ask(alex, "Question", "Body");
        Post a = as(bob).answer(q.id(), "Answer");

        assertThatThrownBy(() -> as(bob).vote(a.id(), VoteValue.UP)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(alex).vote(q.id(), VoteValue.UP)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void edits_keepRevisions_ofQuestionsAndPosts() {
        Conversation q = ask(alex, "Question", "Body");
        Post a = as(bob).answer(q.id(), "Answer");

        Conversation edited = as(alex).edit(q.id(), q.version(), content("Question, sharper", "Body"), "title");
        Post post = as(bob).editPost(a.id(), a.version(), "Answer, corrected", "typo");
        Post moderated = as(anna).editPost(a.id(), post.version(), "Answer, moderated", "");

        assertThat(edited.revision()).isEqualTo(2);
        assertThat(moderated.revision()).isEqualTo(3);
        assertThat(as(carl).revisions(q.id(), PageRequest.first(10)).items()).extracting(r -> r.content().title())
                .containsExactly("Question", "Question, sharper");
        assertThat(as(carl).postRevisions(a.id(), PageRequest.first(10)).items()).extracting(PostRevision::body)
                .containsExactly("Answer", "Answer, corrected", "Answer, moderated");
        assertThatThrownBy(() -> as(carl).editPost(a.id(), moderated.version(), "Hijacked", ""))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(alex).edit(q.id(), q.version(), content("Stale", ""), ""))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void discussions_haveThreadedReplies_inDepthFirstOrder_andCanBeClosed() {
        Conversation d = as(alex).startDiscussion(ConversationDraft.of(heat, content("Noise rules", "Thoughts?")));
        Post r1 = as(bob).reply(d.id(), Optional.empty(), "r1");
        Post r2 = as(carl).reply(d.id(), Optional.empty(), "r2");
        Post r11 = as(alex).reply(d.id(), Optional.of(r1.id()), "r1.1");
        Post r111 = as(bob).reply(d.id(), Optional.of(r11.id()), "r1.1.1");

        assertThat(as(carl).posts(d.id())).extracting(Post::body).containsExactly("r1", "r1.1", "r1.1.1", "r2");
        assertThat(r111.parent()).contains(r11.id());
        assertThatThrownBy(() -> as(bob).answer(d.id(), "x")).isInstanceOf(ConflictException.class);

        Conversation closed = as(alex).close(d.id(), d.version(), "done");
        assertThat(closed.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThatThrownBy(() -> as(bob).reply(d.id(), Optional.of(r2.id()), "late"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("CLOSED");
    }

    @Test
    void posts_ofAQuestion_putTheAcceptedAnswerFirst_withItsComments() {
        Conversation q = ask(alex, "Question", "Body");
        Post onQuestion = as(bob).comment(q.id(), Optional.empty(), "clarify?");
        Post a1 = as(bob).answer(q.id(), "a1");
        Post a2 = as(carl).answer(q.id(), "a2");
        as(alex).comment(q.id(), Optional.of(a2.id()), "thanks a2");
        as(alex).accept(a2.id(), q.version());

        assertThat(as(bob).posts(q.id())).extracting(Post::body)
                .containsExactly("a2", "thanks a2", "clarify?", "a1");
        assertThat(onQuestion.parent()).isEmpty();
        assertThat(a1.parent()).isEmpty();
    }

    @Test
    void closeAsDuplicate_thenMerge_movesAnswersWithTheirComments_andRecordsBoth() {
        Conversation original = ask(alex, "Original", "Body");
        Conversation dup = ask(carl, "Duplicate", "Same question");
        Post ans = as(bob).answer(dup.id(), "dup answer");
        Post onAns = as(alex).comment(dup.id(), Optional.of(ans.id()), "comment on dup answer");
        Post onDup = as(alex).comment(dup.id(), Optional.empty(), "comment on dup question");
        Conversation accepted = as(carl).accept(ans.id(), dup.version());

        assertThatThrownBy(() -> as(carl).closeAsDuplicate(dup.id(), accepted.version(), original.id()))
                .isInstanceOf(AccessDeniedException.class);
        Conversation closed = as(anna).closeAsDuplicate(dup.id(), accepted.version(), original.id());
        assertThat(closed.status()).isEqualTo(ConversationStatus.CLOSED_DUPLICATE);
        assertThat(closed.duplicateOf()).contains(original.id());
        assertThatThrownBy(() -> as(bob).answer(dup.id(), "late")).isInstanceOf(ConflictException.class);

        Conversation merged = as(anna).merge(dup.id(), closed.version(), original.id());

        assertThat(merged.id()).isEqualTo(original.id());
        assertThat(merged.version()).isEqualTo(original.version() + 1);
        assertThat(as(bob).posts(original.id())).extracting(Post::id).containsExactly(ans.id(), onAns.id());
        assertThat(as(bob).posts(dup.id())).extracting(Post::id).containsExactly(onDup.id());
        Conversation after = as(bob).get(dup.id());
        assertThat(after.acceptedAnswer()).isEmpty();
        assertThat(after.status()).isEqualTo(ConversationStatus.CLOSED_DUPLICATE);
        assertThat(heard(Verb.CLOSED)).singleElement().satisfies(a -> assertThat(a.target())
                .contains(Ref.of(ObjectType.CONVERSATION, original.id())));
        assertThat(heard(Verb.MERGED)).singleElement().satisfies(a -> {
            assertThat(a.object()).isEqualTo(Ref.of(ObjectType.CONVERSATION, original.id()));
            assertThat(a.target()).contains(Ref.of(ObjectType.CONVERSATION, dup.id()));
            assertThat(a.details()).containsEntry("moved", "2");
        });
    }

    @Test
    void merge_ofAnOpenQuestion_closesItToo_andRecordsClosedAndMerged() {
        Conversation original = ask(alex, "Original", "Body");
        Conversation dup = ask(carl, "Duplicate", "Same");
        as(bob).answer(dup.id(), "answer");

        as(anna).merge(dup.id(), dup.version(), original.id());

        assertThat(as(bob).get(dup.id()).duplicateOf()).contains(original.id());
        assertThat(heard(Verb.CLOSED)).hasSize(1);
        assertThat(heard(Verb.MERGED)).hasSize(1);
    }

    @Test
    void merge_intoAWiderAudience_isAConflict_soNoAnswerLeaks() {
        Conversation wide = as(alex).ask(ConversationDraft.of(heat, content("Wide", "")).withAudience(
                Audience.platform()));
        Conversation narrow = as(alex).ask(ConversationDraft.of(heat, content("Narrow", "")).withAudience(
                Audience.organization(ACME)));
        as(anna).answer(narrow.id(), "internal answer");

        assertThatThrownBy(() -> as(anna).merge(narrow.id(), narrow.version(), wide.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("audience");
        assertThat(as(anna).merge(wide.id(), wide.version(), narrow.id()).id()).isEqualTo(narrow.id());
    }

    @Test
    void promote_anAnsweredQuestion_createsADraftItem_withQuestionProvenance() {
        Conversation q = ask(alex, "How to size a heat pump?", "For a terraced house.");
        Post a = as(bob).answer(q.id(), "Use the heat-loss calculation.");
        Conversation answered = as(alex).accept(a.id(), q.version());

        KnowledgeItem item = as(alex).promote(q.id(), answered.version(), ItemKind.BEST_PRACTICE);

        assertThat(item.status()).isEqualTo(ItemStatus.DRAFT);
        assertThat(item.provenance()).isEqualTo(Provenance.from(Provenance.Source.QUESTION, q.id().value()));
        assertThat(item.content().title()).isEqualTo("How to size a heat pump?");
        assertThat(item.content().body()).contains("For a terraced house.").contains("heat-loss calculation");
        assertThat(item.audience()).isEqualTo(answered.audience());
        assertThat(as(alex).get(q.id()).promotedTo()).contains(item.id());
        assertThat(heard(Verb.PROMOTED)).singleElement().satisfies(act -> assertThat(act.target())
                .contains(Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id())));
        assertThatThrownBy(() -> as(alex).promote(q.id(), as(alex).get(q.id()).version(), ItemKind.ARTICLE))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already promoted");
    }

    @Test
    void promote_anOpenQuestion_isAConflict_butOneAnswer_canBePromotedByItsAuthor() {
        Conversation q = ask(alex, "Open question", "Body");
        Post a = as(bob).answer(q.id(), "Great answer");

        assertThatThrownBy(() -> as(alex).promote(q.id(), q.version(), ItemKind.ARTICLE))
                .isInstanceOf(ConflictException.class).hasMessageContaining("OPEN");
        KnowledgeItem item = as(bob).promoteAnswer(a.id(), q.version(), ItemKind.ARTICLE);

        assertThat(item.provenance()).isEqualTo(Provenance.from(Provenance.Source.ANSWER, a.id().value()));
        assertThat(item.owner()).isEqualTo(bob);
        assertThat(item.content().body()).isEqualTo("Great answer");
    }

    @Test
    void alreadyAnswered_ranksTheAnsweredQuestionAboveUnrelatedOnes_andSkipsUnansweredOnes() {
        Conversation answered = ask(alex, "Heat pump noise at night", "Our heat pump is loud at night.");
        Post a = as(bob).answer(answered.id(), "Install a night mode and an acoustic hood to reduce heat pump noise.");
        as(alex).accept(a.id(), answered.version());
        ask(carl, "Heat pump noise complaints", "Neighbours complain about heat pump noise at night.");
        Conversation unrelated = ask(carl, "Subsidy for insulation", "Which subsidy covers roof insulation?");
        Post u = as(bob).answer(unrelated.id(), "The national insulation subsidy.");
        as(carl).accept(u.id(), unrelated.version());
        KnowledgeItem item = f.published(anna, heat, Audience.community(),
                content("Acoustic hoods", "Acoustic hoods reduce heat pump noise."));

        List<SearchHit> hits = as(carl).alreadyAnswered("Noisy heat pump at night", "How to reduce the noise?", 5);

        assertThat(hits).extracting(SearchHit::ref).first().isEqualTo(new Ref(ObjectType.QUESTION,
                answered.id().value()));
        assertThat(hits).extracting(SearchHit::ref).contains(Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()));
        assertThat(hits).allSatisfy(h -> assertThat(h.status()).isIn("ANSWERED", "PUBLISHED", "NEEDS_REVIEW"));
        int answeredAt = hits.stream().map(SearchHit::ref).toList().indexOf(new Ref(ObjectType.QUESTION,
                answered.id().value()));
        int unrelatedAt = hits.stream().map(SearchHit::ref).toList().indexOf(new Ref(ObjectType.QUESTION,
                unrelated.id().value()));
        assertThat(unrelatedAt == -1 || unrelatedAt > answeredAt).isTrue();
    }

    @Test
    void alreadyAnswered_findsAQuestionByTheWordsOfItsAcceptedAnswer() {
        Conversation q = ask(alex, "Question about rules", "What applies?");
        Post a = as(bob).answer(q.id(), "The Bouwbesluit geluidsnorm applies.");
        as(alex).accept(a.id(), q.version());

        assertThat(as(carl).alreadyAnswered("geluidsnorm Bouwbesluit", "", 5)).extracting(SearchHit::ref)
                .containsExactly(new Ref(ObjectType.QUESTION, q.id().value()));
    }

    @Test
    void search_findsQuestionsAsQuestionDocuments_withTheirStatus() {
        Conversation q = ask(alex, "Warmtepomp vraag", "Body");
        f.as(anna).conversations().startDiscussion(ConversationDraft.of(heat, content("Warmtepomp discussie", "")));

        assertThat(f.as(carl).search().query(SearchQuery.of("warmtepomp").withTypes(ObjectType.QUESTION)).hits())
                .singleElement().satisfies(h -> {
                    assertThat(h.ref()).isEqualTo(new Ref(ObjectType.QUESTION, q.id().value()));
                    assertThat(h.status()).isEqualTo("OPEN");
                });
        assertThat(f.as(carl).search().query(SearchQuery.of("warmtepomp").withTypes(ObjectType.DISCUSSION)).total())
                .isEqualTo(1);
    }

    @Test
    void list_filtersByKindAndStatus_andPagesByKeyset() {
        Conversation q1 = ask(alex, "Q1", "");
        Conversation q2 = ask(alex, "Q2", "");
        Conversation d = as(alex).startDiscussion(ConversationDraft.of(heat, content("D", "")));
        Post a = as(bob).answer(q2.id(), "answer");
        as(alex).accept(a.id(), q2.version());

        assertThat(StoreSnapshot.all(p -> as(carl).list(ConversationQuery.in(heat), p))).extracting(Conversation::id)
                .containsExactly(q1.id(), q2.id(), d.id());
        assertThat(StoreSnapshot.all(p -> as(carl).list(ConversationQuery.in(heat).withKinds(
                ConversationKind.QUESTION).withStatuses(ConversationStatus.ANSWERED), p))).extracting(Conversation::id)
                .containsExactly(q2.id());
        var first = as(carl).list(ConversationQuery.in(heat), PageRequest.first(2));
        assertThat(first.items()).hasSize(2);
        assertThat(as(carl).list(ConversationQuery.in(heat), PageRequest.first(2).after(first.next().orElseThrow()))
                .items()).extracting(Conversation::id).containsExactly(d.id());
    }

    @Test
    void nonMembers_cannotAskAnswerOrVote_evenOnAPlatformQuestionTheyCanRead() {
        Conversation q = as(alex).ask(ConversationDraft.of(heat, content("Question", "Body")).withAudience(
                Audience.platform()));
        MemberId dina = f.member("dina", BETA);

        assertThatThrownBy(() -> as(dina).answer(q.id(), "x")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(dina).vote(q.id(), VoteValue.UP)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> ask(dina, "Q", "")).isInstanceOf(AccessDeniedException.class);
        f.role(heat, anna, bob, Role.CORE);
        assertThat(as(bob).vote(q.id(), VoteValue.DOWN).score()).isEqualTo(-1);
    }
}
