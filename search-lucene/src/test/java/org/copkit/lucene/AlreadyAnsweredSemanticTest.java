package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.copkit.CopKit;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.MembershipPolicy;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemContent;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.memory.InMemoryStorage;
import org.copkit.spi.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Already answered?" through the kit with the kit-level embedder option, and re-embedding on a model change. */
class AlreadyAnsweredSemanticTest {
    private static final OrganizationId ORG = OrganizationId.of("org");
    private static final MemberId ASKER = MemberId.of("asker");
    private static final MemberId EXPERT = MemberId.of("expert");

    @TempDir
    Path dir;

    private final Storage storage = InMemoryStorage.create();

    private static void populate(CopKit kit) {
        kit.system().organizations().register(ORG, "Org", "");
        kit.system().members().register(ASKER, MemberProfile.of("Asker", ORG));
        kit.system().members().register(EXPERT, MemberProfile.of("Expert", ORG));
        CopKit.As asker = kit.as(ASKER);
        Domain d = asker.domains().create("Fleet", "Vehicles");
        Community c = asker.communities().create(CommunityDraft.of(d.id(), "Fleet", "Vehicles")
                .withPolicy(MembershipPolicy.OPEN));
        kit.as(EXPERT).communities().join(c.id());
        Conversation q = asker.conversations().ask(ConversationDraft.of(c.id(),
                ItemContent.of("How do I erase an automobile from the register?", "", Locale.ENGLISH)));
        Post a = kit.as(EXPERT).conversations().answer(q.id(), "Open the register page and choose wipe.");
        asker.conversations().accept(a.id(), asker.conversations().get(q.id()).version());
    }

    private static boolean answered(CopKit kit) {
        return kit.as(EXPERT).conversations().alreadyAnswered("Delete vehicle", "", 5).stream()
                .anyMatch(h -> h.title().startsWith("How do I erase"));
    }

    @Test
    void theKitsEmbedderFindsAnAnsweredQuestionByMeaning() {
        try (CopKit lexical = CopKit.builder().search(LuceneSearchIndex.inMemory()).build()) {
            populate(lexical);
            assertThat(answered(lexical)).isFalse();
        }
        try (CopKit hybrid = CopKit.builder().search(LuceneSearchIndex.inMemory()).embedder(new ConceptEmbedder())
                .build()) {
            populate(hybrid);
            assertThat(answered(hybrid)).isTrue();
        }
    }

    @Test
    void aNewModelReEmbedsEverythingFromTheChangeFeedWhenTheKitIsBuilt() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            CopKit kit = CopKit.builder().storage(storage).search(index).build();
            populate(kit);
            assertThat(answered(kit)).isFalse();
            index.commit();
        }
        ConceptEmbedder model = new ConceptEmbedder("concepts-v2", 64);
        // the kit is not closed above (that would close the in-memory storage); a new kit on the same storage
        CopKit kit = CopKit.builder().storage(storage).search(LuceneSearchIndex.open(dir)).embedder(model).build();
        try (kit) {
            assertThat(model.texts.get()).as("every document was re-embedded").isPositive();
            assertThat(answered(kit)).isTrue();
        }
    }
}
