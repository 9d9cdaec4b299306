package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.copkit.ConflictException;
import org.copkit.NotFoundException;
import org.copkit.PageRequest;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.Practice;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.Transaction;
import org.copkit.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes whose result nobody needs at once ({@code Db.later}): on PostgreSQL they travel with the
 * transaction's next statement, so their failure shows up there or at commit. What must hold on both
 * databases: the failure is the write's own exception with its own message, it fails the transaction
 * even when the work catches it, nothing of the transaction remains, and reads see the writes before them.
 */
class DeferredWritesTest {
    private final Postgres pg = new Postgres();
    private JdbcStorage storage;

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private JdbcStorage open(String db) {
        if (db.equals("postgres")) {
            Postgres.require();
            storage = pg.newStorage();
        } else {
            storage = JdbcStorage.h2InMemory("deferred-" + UUID.randomUUID());
        }
        storage.write(tx -> {
            tx.organizations().insert(Fixtures.organization("org-a"));
            tx.members().insert(Fixtures.member("ann", "org-a"));
            tx.members().insert(Fixtures.member("bob", "org-a"));
            tx.domains().insert(Fixtures.domain("dom-1", "ann"));
            tx.communities().insert(Fixtures.community("com-1", "dom-1", "ann", "org-a"));
            tx.items().insert(Fixtures.item("item-1", "com-1", "ann"));
            tx.revisions().insert(Fixtures.revision("item-1", 1, "ann"));
            return null;
        });
        return storage;
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
        pg.dropAll();
    }

    private static Activity created(String item) {
        return Fixtures.activity("ann", Verb.CREATED, Fixtures.itemRef(item), Optional.of(CommunityId.of("com-1")));
    }

    private long activities() {
        return storage.read((Transaction tx) -> (long) tx.activities().list(org.copkit.spi.ActivityFilter.all(),
                PageRequest.first(100)).items().size());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDuplicateItem_failsTheCreateWithItsOwnMessage_andLeavesNothing(String db) {
        open(db);
        long head = storage.changes().head();
        long activities = activities();
        // item, revision and activity travel together on PostgreSQL; the item's duplicate key is the error
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.items().insert(Fixtures.item("item-1", "com-1", "bob"));
            tx.revisions().insert(Fixtures.revision("item-2", 1, "ann"));
            return tx.activities().append(created("item-2"));
        })).isInstanceOf(ConflictException.class).hasMessage("KNOWLEDGE_ITEM item-1 already exists");
        assertThat(storage.read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-2")))).isEmpty();
        assertThat(storage.read((Transaction tx) -> tx.revisions().find(KnowledgeItemId.of("item-2"), 1))).isEmpty();
        assertThat(storage.changes().head()).isEqualTo(head);
        assertThat(activities()).isEqualTo(activities);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDuplicateItem_amongOtherItems_isAConflictThatNamesTheKey(String db) {
        open(db);
        // two items in one round trip on PostgreSQL: the message is the database's, naming the key
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.items().insert(Fixtures.item("item-2", "com-1", "ann"));
            tx.items().insert(Fixtures.item("item-1", "com-1", "bob"));
            return tx.items().find(KnowledgeItemId.of("item-2"));
        })).isInstanceOf(ConflictException.class).hasMessageContaining("item-1").hasMessageNotContaining("item-2");
        assertThat(storage.read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-2")))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDuplicateRevision_amongOtherWrites_isNamedByItsTable(String db) {
        open(db);
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.items().insert(Fixtures.item("item-2", "com-1", "ann"));
            tx.revisions().insert(Fixtures.revision("item-1", 1, "bob"));
            return tx.items().find(KnowledgeItemId.of("item-2"));
        })).isInstanceOf(ConflictException.class).hasMessage("knowledge item item-1 already has revision 1");
        assertThat(storage.read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-2")))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aWriteThatFailed_failsTheTransaction_evenWhenTheWorkCaughtItsError(String db) {
        open(db);
        long head = storage.changes().head();
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.revisions().insert(Fixtures.revision("item-1", 2, "ann"));
            try {
                // the duplicate is reported at once on H2, by the read on PostgreSQL
                tx.items().insert(Fixtures.item("item-1", "com-1", "bob"));
                tx.items().find(KnowledgeItemId.of("item-2"));
            } catch (ConflictException e) {
                // work that swallows the failure must not commit the rest
            }
            return null;
        })).isInstanceOf(ConflictException.class).hasMessage("KNOWLEDGE_ITEM item-1 already exists");
        assertThat(storage.read((Transaction tx) -> tx.revisions().find(KnowledgeItemId.of("item-1"), 2))).isEmpty();
        assertThat(storage.changes().head()).isEqualTo(head);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStaleUpdate_asTheLastWrite_failsAtCommitWithTheStoredVersion(String db) {
        open(db);
        KnowledgeItem stored = storage.read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-1"))).orElseThrow();
        storage.write(tx -> tx.items().update(Fixtures.retitled(stored, "Second")));
        long head = storage.changes().head();
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.revisions().insert(Fixtures.revision("item-1", 2, "bob"));
            return tx.items().update(Fixtures.retitled(stored, "Stale"));
        })).isInstanceOf(ConflictException.class).hasMessage("KNOWLEDGE_ITEM item-1 was changed concurrently: "
                + "stored version is 2, the update expected 1");
        assertThat(storage.read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-1")))).get()
                .extracting(i -> i.content().title()).isEqualTo("Second");
        assertThat(storage.read((Transaction tx) -> tx.revisions().find(KnowledgeItemId.of("item-1"), 2))).isEmpty();
        assertThat(storage.changes().head()).isEqualTo(head);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUpdateOfNothing_isNotFound(String db) {
        open(db);
        assertThatThrownBy(() -> storage.write(tx -> tx.items().update(
                Fixtures.touched(Fixtures.item("item-9", "com-1", "ann")))))
                .isInstanceOf(NotFoundException.class).hasMessage("KNOWLEDGE_ITEM item-9 does not exist");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readsSeeTheWritesBeforeThem_inOrder(String db) {
        open(db);
        Map<org.copkit.community.PracticeId, CommunityId> stewards = storage.write((Transaction tx) -> {
            Practice p = tx.practices().insert(Fixtures.practice("pra-1", "com-1", "ann"));
            // an update deletes the stewards and inserts them again: three queued writes, then the read
            tx.practices().update(new Practice(p.id(), p.community(), p.name(), p.description(),
                    java.util.Set.of(MemberId.of("bob")), p.reviewInterval(), p.requiredApprovals(), p.createdAt(),
                    2));
            return tx.rolesOf(MemberId.of("bob")).stewardships();
        });
        assertThat(stewards).containsOnlyKeys(org.copkit.community.PracticeId.of("pra-1"));
        assertThat(storage.read((Transaction tx) -> tx.rolesOf(MemberId.of("ann")).stewardships())).isEmpty();
        assertThat(storage.read((Transaction tx) -> tx.rolesOf(MemberId.of("bob")).stewardships())).isEqualTo(stewards);
        assertThat(storage.read((Transaction tx) -> tx.practices().find(org.copkit.community.PracticeId.of("pra-1")))).get()
                .extracting(Practice::version).isEqualTo(2L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void manyWritesInOneTransaction_allLand_andTheirFeedEntriesInOrder(String db) {
        open(db);
        long head = storage.changes().head();
        int n = Db.MAX_DEFERRED * 2 + 5;
        int seen = storage.write((Transaction tx) -> {
            for (int i = 0; i < n; i++) {
                tx.organizations().insert(Fixtures.organization("bulk-" + i));
            }
            return tx.organizations().list(PageRequest.first(500)).items().size();
        });
        assertThat(seen).isEqualTo(n + 1);
        assertThat(storage.changes().after(head, 500)).extracting(c -> c.ref().id())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, n).mapToObj(i -> "bulk-" + i).toList());
    }
}
