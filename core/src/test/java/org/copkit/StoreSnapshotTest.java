package org.copkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Vote;
import org.copkit.conversation.VoteValue;
import org.copkit.member.MemberId;
import org.copkit.spi.Transaction;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStoryContent;
import org.copkit.value.ValueStoryDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snapshot that rejected-call tests compare must see a stray write to any aggregate. */
class StoreSnapshotTest {
    private Fixture f;
    private MemberId anna;
    private MemberId bob;
    private CommunityId heat;
    private Conversation question;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, bob);
        question = f.as(anna).conversations().ask(ConversationDraft.of(heat, content("Which pump?", "b")));
        f.as(bob).conversations().answer(question.id(), "The quiet one");
        f.as(anna).valueStories().record(ValueStoryDraft.of(heat, ValueStoryContent.of(ValueCycle.APPLIED, "S", "s",
                Locale.ENGLISH)).withAudience(Audience.community()));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void assertCaught(Consumer<Transaction> strayWrite) {
        StoreSnapshot before = f.snapshot();
        f.storage.write(tx -> {
            strayWrite.accept(tx);
            return null;
        });
        assertThat(f.snapshot()).isNotEqualTo(before);
    }

    @Test
    void snapshot_listsTheNewAggregates() {
        assertThat(f.snapshot().sections()).containsKeys("conversations of " + heat, "posts of " + question.id(),
                "conversation revisions of " + question.id(), "votes on conversation " + question.id(),
                "sessions of " + heat, "review tasks of " + heat, "participation levels of " + heat,
                "value stories of " + heat, "subscriptions of " + bob, "notification preference of " + bob,
                "endorsements of " + bob);
        assertThat(f.snapshot().sections().get("value stories of " + heat)).hasSize(1);
    }

    @Test
    void snapshot_catchesAStrayVote_whichTheChangeFeedDoesNotCarry() {
        assertCaught(tx -> tx.votes().put(new Vote(Ref.of(ObjectType.CONVERSATION, question.id()), bob,
                VoteValue.UP, f.clock.instant())));
    }

    @Test
    void snapshot_staysEqual_whenNothingWasWritten() {
        assertThat(f.snapshot()).isEqualTo(f.snapshot());
        assertThat(List.copyOf(f.snapshot().sections().keySet())).isNotEmpty();
    }
}
