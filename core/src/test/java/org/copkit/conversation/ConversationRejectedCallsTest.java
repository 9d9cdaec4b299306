package org.copkit.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.CopKitException;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.ItemKind;
import org.copkit.member.MemberId;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rejected conversation calls get a typed error naming the problem and leave everything as it was:
 * the kit's {@link StoreSnapshot} plus every conversation, post, revision and what search finds of them.
 */
class ConversationRejectedCallsTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId alex; // ACME, member, asker
    private MemberId bob; // BETA, member, answerer
    private CommunityId heat;
    private Conversation question;
    private Conversation other;
    private Conversation discussion;
    private Post answer;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
        question = f.as(alex).conversations().ask(ConversationDraft.of(heat, content("Question", "Body")));
        other = f.as(alex).conversations().ask(ConversationDraft.of(heat, content("Other", "Body"))
                .withAudience(Audience.organization(ACME)));
        discussion = f.as(alex).conversations().startDiscussion(ConversationDraft.of(heat, content("Talk", "")));
        answer = f.as(bob).conversations().answer(question.id(), "Answer");
        f.as(alex).conversations().vote(answer.id(), VoteValue.UP);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kit", f.snapshot());
        ConversationService sys = f.kit.system().conversations();
        List<Conversation> all = StoreSnapshot.all(p -> sys.list(ConversationQuery.in(heat), p));
        s.put("conversations", all);
        for (Conversation c : all) {
            s.put("posts of " + c.id(), sys.posts(c.id()));
            s.put("revisions of " + c.id(), StoreSnapshot.all(p -> sys.revisions(c.id(), p)));
            for (Post p : sys.posts(c.id())) {
                s.put("revisions of " + p.id(), StoreSnapshot.all(r -> sys.postRevisions(p.id(), r)));
            }
        }
        s.put("search", f.kit.system().search().query(SearchQuery.of("").withStatuses("OPEN", "ANSWERED",
                "CLOSED", "CLOSED_DUPLICATE").page(0, 100)).hits());
        return s;
    }

    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, String... parts) {
        Map<String, Object> before = state();
        int heard = f.heard.size();
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(type);
        for (String p : parts) {
            assertThat(t).hasMessageContaining(p);
        }
        assertThat(state()).isEqualTo(before);
        assertThat(f.heard).hasSize(heard);
    }

    private ConversationService as(MemberId m) {
        return f.as(m).conversations();
    }

    @Test
    void deniedCalls_changeNothing() {
        assertRejected(() -> as(bob).vote(answer.id(), VoteValue.UP), AccessDeniedException.class, "own");
        assertRejected(() -> as(bob).accept(answer.id(), question.version()), AccessDeniedException.class);
        assertRejected(() -> as(bob).edit(question.id(), question.version(), content("Mine", ""), ""),
                AccessDeniedException.class);
        assertRejected(() -> as(alex).closeAsDuplicate(question.id(), question.version(), other.id()),
                AccessDeniedException.class);
        assertRejected(() -> as(bob).close(discussion.id(), discussion.version(), ""), AccessDeniedException.class);
        assertRejected(() -> as(bob).ask(ConversationDraft.of(heat, content("Q", "")).withAudience(
                Audience.organization(ACME))), AccessDeniedException.class, "acme");
    }

    @Test
    void conflictingCalls_changeNothing() {
        assertRejected(() -> as(alex).accept(answer.id(), question.version() + 5), ConflictException.class,
                "version");
        assertRejected(() -> as(alex).promote(question.id(), question.version(), ItemKind.ARTICLE),
                ConflictException.class, "OPEN");
        assertRejected(() -> as(bob).answer(discussion.id(), "x"), ConflictException.class, "DISCUSSION");
        assertRejected(() -> as(bob).reply(question.id(), Optional.empty(), "x"), ConflictException.class,
                "QUESTION");
        assertRejected(() -> as(anna).merge(question.id(), question.version(), other.id()), ConflictException.class,
                "audience");
        assertRejected(() -> as(alex).close(question.id(), question.version(), ""), ConflictException.class);
    }

    @Test
    void invalidAndUnknownReferences_changeNothing() {
        assertRejected(() -> as(anna).closeAsDuplicate(question.id(), question.version(), question.id()),
                InvalidInputException.class, "itself");
        assertRejected(() -> as(anna).closeAsDuplicate(question.id(), question.version(), discussion.id()),
                InvalidInputException.class, "question");
        assertRejected(() -> as(bob).comment(question.id(), Optional.of(PostId.of("nope")), "x"),
                InvalidInputException.class, "nope");
        assertRejected(() -> as(bob).answer(question.id(), "  "), InvalidInputException.class, "body");
        assertRejected(() -> as(bob).answer(ConversationId.of("missing"), "x"), NotFoundException.class, "missing");
        assertRejected(() -> as(alex).alreadyAnswered(" ", "", 5), InvalidInputException.class, "title");
        assertRejected(() -> as(alex).alreadyAnswered("t", "", 51), InvalidInputException.class, "limit");
    }
}
