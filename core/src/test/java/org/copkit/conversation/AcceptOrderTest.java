package org.copkit.conversation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.copkit.AccessDeniedException;
import org.copkit.Fixture;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.ItemContent;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whether a member may accept is decided before anything about the question's state is revealed. */
class AcceptOrderTest {
    private final Fixture f = Fixture.create();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void acceptingAnAcceptedAnswer_byAMemberWhoMayNotAccept_isDenied_notAConflict() {
        MemberId asker = f.member("asker", Fixture.ACME);
        MemberId helper = f.member("helper", Fixture.ACME);
        MemberId bystander = f.member("bystander", Fixture.ACME);
        CommunityId c = f.community(asker, "Heat");
        f.as(helper).communities().join(c);
        f.as(bystander).communities().join(c);
        Conversation q = f.as(asker).conversations().ask(ConversationDraft.of(c,
                ItemContent.of("When to apply?", "Before installing?", Locale.ENGLISH)));
        Post a = f.as(helper).conversations().answer(q.id(), "Before.");
        Conversation accepted = f.as(asker).conversations().accept(a.id(), q.version());

        assertThatThrownBy(() -> f.as(bystander).conversations().accept(a.id(), accepted.version()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> f.as(bystander).conversations().accept(a.id(), q.version()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
