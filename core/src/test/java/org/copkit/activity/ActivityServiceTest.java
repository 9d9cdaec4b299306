package org.copkit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.content;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.copkit.ConflictException;
import org.copkit.Fixture;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.TestClock;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.Role;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.ItemQuery;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.Test;

/** Every change appends an activity; listeners hear it after commit, in order, and cannot break anything. */
class ActivityServiceTest {

    private static List<Activity> log(Fixture f) {
        List<Activity> all = new java.util.ArrayList<>(StoreSnapshot.all(p -> f.kit.system().activities()
                .feed(Optional.empty(), Optional.empty(), p)));
        java.util.Collections.reverse(all);
        return all;
    }

    @Test
    void everyChange_appendsAnActivity_withActorVerbObjectCommunityAndTime() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            MemberId alex = f.member("alex", ACME);
            int start = log(f).size();
            CommunityId c = f.community(anna, "Heat");
            f.clock.advance(Duration.ofMinutes(1));
            f.join(c, alex);
            f.role(c, anna, alex, Role.CORE);
            KnowledgeItem i = f.draft(anna, c, Audience.platform(), content("T", "b"));
            i = f.as(anna).knowledge().edit(i.id(), i.version(), i.content().withBody("b2"), "n");
            i = f.as(anna).knowledge().submit(i.id(), i.version());
            i = f.as(alex).knowledge().approve(i.id(), i.version());
            i = f.as(anna).knowledge().publish(i.id(), i.version());
            i = f.as(anna).knowledge().archive(i.id(), i.version(), "old");

            List<Activity> added = log(f).subList(start, log(f).size());
            Ref item = Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id());
            Ref community = Ref.of(ObjectType.COMMUNITY, c);
            Ref annaIn = new Ref(ObjectType.MEMBERSHIP, c.value() + "/anna");
            Ref alexIn = new Ref(ObjectType.MEMBERSHIP, c.value() + "/alex");
            assertThat(added).extracting(Activity::actor, Activity::verb, Activity::object).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.CREATED, community),
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.JOINED, annaIn),
                    org.assertj.core.groups.Tuple.tuple(alex, Verb.JOINED, alexIn),
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.ROLE_CHANGED, alexIn),
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.CREATED, item),
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.EDITED, item),
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.SUBMITTED, item),
                    org.assertj.core.groups.Tuple.tuple(alex, Verb.APPROVED, item),
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.PUBLISHED, item),
                    org.assertj.core.groups.Tuple.tuple(anna, Verb.ARCHIVED, item));
            assertThat(added).allSatisfy(a -> assertThat(a.community()).contains(c));
            assertThat(added.get(0).at()).isEqualTo(TestClock.START);
            assertThat(added.get(2).at()).isEqualTo(TestClock.START.plus(Duration.ofMinutes(1)));
            assertThat(added.get(2).target()).contains(Ref.of(ObjectType.MEMBER, alex));
            assertThat(added.get(3).details()).containsEntry("from", "MEMBER").containsEntry("to", "CORE");
            assertThat(added.get(5).details()).containsEntry("note", "n").containsEntry("revision", "2");
            assertThat(added.get(9).details()).containsEntry("reason", "old");
            assertThat(added).extracting(Activity::sequence).isSorted().doesNotHaveDuplicates();
            // the listener heard exactly what was stored, in the same order
            assertThat(f.heard).containsExactlyElementsOf(log(f));
        }
    }

    @Test
    void feeds_filterByCommunityAndActor_newestFirst_andPage() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            MemberId alex = f.member("alex", ACME);
            CommunityId c1 = f.community(anna, "One");
            CommunityId c2 = f.community(anna, "Two");
            f.join(c1, alex);
            f.join(c2, alex);
            ActivityService feed = f.as(alex).activities();
            List<Activity> inC1 = feed.feed(Optional.of(c1), Optional.empty(), PageRequest.first()).items();
            assertThat(inC1).extracting(Activity::verb).containsExactly(Verb.JOINED, Verb.JOINED, Verb.CREATED);
            assertThat(inC1).allSatisfy(a -> assertThat(a.community()).contains(c1));
            List<Activity> byAlex = feed.feed(Optional.empty(), Optional.of(alex), PageRequest.first()).items();
            assertThat(byAlex).hasSize(2).allSatisfy(a -> assertThat(a.actor()).isEqualTo(alex));
            assertThat(byAlex.get(0).community()).contains(c2);
            List<Activity> paged = StoreSnapshot.all(p -> feed.feed(Optional.empty(), Optional.empty(),
                    new org.copkit.PageRequest(p.after(), 2)));
            assertThat(paged).isEqualTo(feed.feed(Optional.empty(), Optional.empty(), PageRequest.first()).items());
        }
    }

    @Test
    void listeners_hearActivitiesAfterCommit_inOrder() {
        List<String> seenByListener = new CopyOnWriteArrayList<>();
        Fixture[] holder = new Fixture[1];
        ActivityListener readsStorage = a -> {
            // after commit, the change is already visible to a fresh read
            if (a.object().type() == ObjectType.KNOWLEDGE_ITEM) {
                Fixture fx = holder[0];
                long stored = fx.kit.system().knowledge()
                        .get(org.copkit.knowledge.KnowledgeItemId.of(a.object().id())).version();
                seenByListener.add(a.verb() + "@v" + stored);
            }
        };
        try (Fixture f = Fixture.create(b -> b.listener(readsStorage))) {
            holder[0] = f;
            MemberId anna = f.member("anna", ACME);
            CommunityId c = f.community(anna, "Heat");
            KnowledgeItem i = f.draft(anna, c, Audience.platform(), content("T", "b"));
            i = f.as(anna).knowledge().edit(i.id(), i.version(), i.content().withBody("x"), "");
            f.as(anna).knowledge().publish(i.id(), i.version());
            assertThat(seenByListener).containsExactly("CREATED@v1", "EDITED@v2", "PUBLISHED@v3");
        }
    }

    @Test
    void aListenerThatThrows_isLogged_andTheChangeStands_andLaterListenersStillHearIt() {
        List<Activity> later = new CopyOnWriteArrayList<>();
        ActivityListener broken = a -> {
            throw new IllegalStateException("mail server down");
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (Fixture f = Fixture.create(b -> b.listener(broken).listener(later::add))) {
            MemberId anna = f.member("anna", ACME);
            CommunityId c = f.community(anna, "Heat");
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            KnowledgeItem i;
            try {
                i = f.published(anna, c, Audience.platform(), content("Survives", "b"));
            } finally {
                System.setErr(original);
            }
            assertThat(f.as(anna).knowledge().get(i.id()).status())
                    .isEqualTo(org.copkit.knowledge.ItemStatus.PUBLISHED);
            assertThat(f.as(anna).search().query("survives").total()).isEqualTo(1);
            assertThat(later).extracting(Activity::verb).endsWith(Verb.CREATED, Verb.PUBLISHED);
            assertThat(later).isEqualTo(f.heard);
            String logged = err.toString(StandardCharsets.UTF_8);
            assertThat(logged).contains("WARN").contains("activity listener").contains("the change stands")
                    .contains("mail server down");
        }
    }

    @Test
    void aRejectedCall_recordsNoActivity_andCallsNoListener() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            CommunityId c = f.community(anna, "Heat");
            KnowledgeItem i = f.draft(anna, c, Audience.platform(), content("T", "b"));
            int stored = log(f).size();
            int heard = f.heard.size();
            assertThatThrownBy(() -> f.as(anna).knowledge().edit(i.id(), i.version() + 5, i.content(), ""))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> f.as(anna).communities().leave(c)).isInstanceOf(ConflictException.class);
            assertThat(log(f)).hasSize(stored);
            assertThat(f.heard).hasSize(heard);
            assertThat(f.as(anna).knowledge().list(ItemQuery.in(c), PageRequest.first()).items()).containsExactly(i);
        }
    }
}
