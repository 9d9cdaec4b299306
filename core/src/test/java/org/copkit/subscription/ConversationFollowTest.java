package org.copkit.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.copkit.Fixture;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.knowledge.ItemContent;
import org.copkit.member.MemberId;
import org.copkit.notification.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Followers of conversations and of tags hear about questions and their answers. */
class ConversationFollowTest {
    private final List<Notification> delivered = new CopyOnWriteArrayList<>();
    private final Fixture f = Fixture.create(b -> b.notifier(delivered::add));
    private final MemberId anna = f.member("anna", Fixture.ACME);
    private final MemberId bert = f.member("bert", Fixture.BETA);
    private final MemberId cleo = f.member("cleo", Fixture.ACME);
    private final CommunityId heat = f.community(anna, "Heat");

    @AfterEach
    void close() {
        f.close();
    }

    private Conversation ask(MemberId who, Audience audience, String... tags) {
        return f.as(who).conversations().ask(ConversationDraft.of(heat, new ItemContent("When to apply for subsidy?",
                "Before or after installing the heat pump?", Set.of(tags), Set.of(), Locale.ENGLISH))
                .withAudience(audience));
    }

    private List<String> reasonsFor(MemberId m) {
        return delivered.stream().filter(n -> n.recipient().equals(m)).map(Notification::reason).toList();
    }

    @Test
    void followerOfAConversation_hearsOfItsAnswers() {
        f.as(bert).communities().join(heat);
        Conversation q = ask(anna, Audience.community());
        f.as(bert).subscriptions().follow(Ref.of(ObjectType.CONVERSATION, q.id()));
        delivered.clear();

        f.as(cleo).communities().join(heat);
        f.as(cleo).conversations().answer(q.id(), "Before: the application must come first.");

        assertThat(reasonsFor(bert)).containsExactly("you follow this conversation");
    }

    @Test
    void followerOfATag_hearsOfQuestionsWithThatTag() {
        f.as(bert).communities().join(heat);
        f.as(bert).subscriptions().follow(Subscription.tag("subsidie"));

        ask(anna, Audience.community(), "subsidie");

        assertThat(reasonsFor(bert)).containsExactly("you follow tag 'subsidie'");
    }

    @Test
    void followingAConversationOneMayNotSee_isReportedAsNotFound() {
        f.as(bert).communities().join(heat);
        Conversation secret = ask(anna, Audience.organization(Fixture.ACME));

        assertThatThrownBy(() -> f.as(bert).subscriptions().follow(Ref.of(ObjectType.CONVERSATION, secret.id())))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(secret.id().value());
        assertThat(f.as(cleo).subscriptions().follow(Ref.of(ObjectType.CONVERSATION, secret.id())).active()).isTrue();
    }
}
