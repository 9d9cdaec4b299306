package org.copkit.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.GAMMA;
import static org.copkit.Fixture.content;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Fixture;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.notification.Notification;
import org.copkit.notification.Notifier;
import org.copkit.testkit.ForwardingStorage;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;
import org.copkit.subscription.NotificationFrequency;
import org.copkit.subscription.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Digests of a whole run ({@code sendDue}): sections capped at {@link Digest#SHOWN_PER_SECTION} with the
 * rest counted, every member's digest equal to what an independent reading of the rules gives, chunks
 * of {@code 100} members each in its own transaction, and a run that stops half-way resumed without
 * sending anyone twice.
 */
class DigestRunTest {
    private final List<Digest> delivered = new CopyOnWriteArrayList<>();
    private Fixture f;

    private Fixture fixture(Function<Storage, Storage> wrap) {
        return Fixture.create(b -> b.notifier(new Notifier() {
            @Override
            public void deliver(Notification notification) {}

            @Override
            public void deliverDigest(Digest digest) {
                delivered.add(digest);
            }
        }));
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aSectionShowsItsFiveMostRecentEntries_andCountsTheRest() {
        f = fixture(s -> s);
        MemberId ann = f.member("ann", ACME);
        MemberId bob = f.member("bob", ACME);
        CommunityId heat = f.community(ann, "Heat");
        f.join(heat, bob);
        f.as(bob).subscriptions().setPreference(NotificationFrequency.WEEKLY);
        List<KnowledgeItem> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            f.clock.advance(Duration.ofMinutes(10));
            items.add(f.published(ann, heat, Audience.community(), content("Item " + i, "body")));
        }
        // a first digest covers the week before the run
        f.clock.advance(Duration.ofDays(6));

        DigestReport report = f.kit.system().digests().sendDue(NotificationFrequency.WEEKLY);

        Digest d = report.delivered().stream().filter(x -> x.member().equals(bob)).findFirst().orElseThrow();
        assertThat(d.section(DigestSection.NEW_ITEMS)).extracting(e -> e.object().id())
                .containsExactlyElementsOf(items.subList(3, 8).stream().map(i -> i.id().value()).toList());
        assertThat(d.omitted(DigestSection.NEW_ITEMS)).isEqualTo(3);
        assertThat(d.omitted(DigestSection.ANSWERED_QUESTIONS)).isZero();
        assertThat(d.omitted()).containsOnlyKeys(DigestSection.NEW_ITEMS);
    }

    @Test
    void everyMembersDigest_countsWhatTheRulesSay_andShowsTheMostRecent() {
        f = fixture(s -> s);
        Random random = new Random(42);
        List<OrganizationId> orgs = List.of(ACME, BETA, GAMMA);
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(f.member("m" + i, orgs.get(i % 3)));
        }
        List<CommunityId> communities = List.of(f.community(members.get(0), "Heat"),
                f.community(members.get(1), "Grid"), f.community(members.get(2), "Water"));
        Map<MemberId, Set<CommunityId>> active = new HashMap<>();
        for (MemberId m : members) {
            Set<CommunityId> in = new HashSet<>();
            for (CommunityId c : communities) {
                boolean creator = members.indexOf(m) == communities.indexOf(c);
                if (creator || random.nextInt(3) > 0) {
                    if (!creator) {
                        f.join(c, m);
                    }
                    in.add(c);
                }
            }
            active.put(m, in);
            f.as(m).subscriptions().setPreference(NotificationFrequency.WEEKLY);
            if (random.nextInt(4) == 0) {
                f.as(m).subscriptions().follow(Subscription.tag("subsidie"));
            }
            if (random.nextInt(4) == 0) {
                f.as(m).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, communities.get(random.nextInt(3))));
            }
        }
        Instant from = f.clock.instant();
        List<Audience> audiences = List.of(Audience.community(), Audience.platform(), Audience.organization(ACME),
                Audience.partners(BETA, GAMMA));
        List<Published> published = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            f.clock.advance(Duration.ofMinutes(7));
            MemberId owner = members.get(random.nextInt(members.size()));
            List<CommunityId> own = new ArrayList<>(active.get(owner));
            if (own.isEmpty()) {
                continue;
            }
            CommunityId c = own.get(random.nextInt(own.size()));
            Audience a = audiences.get(random.nextInt(audiences.size()));
            if (a.organizations().size() > 0 && !a.organizations().contains(f.kit.system().members().get(owner)
                    .profile().organization())) {
                a = Audience.community();
            }
            KnowledgeItem item = f.published(owner, c, a, content("Item " + i, "body")
                    .withTags(random.nextBoolean() ? new String[] {"subsidie"} : new String[0]));
            published.add(new Published(item, owner, f.clock.instant()));
        }
        f.clock.advance(Duration.ofDays(6));

        DigestReport report = f.kit.system().digests().sendDue(NotificationFrequency.WEEKLY);

        assertThat(report.marked()).containsExactlyInAnyOrderElementsOf(members);
        for (MemberId m : members) {
            Set<Ref> follows = new HashSet<>();
            f.as(m).subscriptions().mine(org.copkit.PageRequest.first(100)).items().forEach(s -> follows.add(s.target()));
            List<Published> expected = published.stream()
                    .filter(p -> !p.owner().equals(m))
                    .filter(p -> visible(m, p.item()))
                    .filter(p -> active.get(m).contains(p.item().community())
                            || follows.contains(Ref.of(ObjectType.COMMUNITY, p.item().community()))
                            || (p.item().content().tags().contains("subsidie") && follows.contains(Subscription.tag("subsidie"))))
                    .sorted(Comparator.comparing(Published::at).reversed()).toList();
            Digest d = report.delivered().stream().filter(x -> x.member().equals(m)).findFirst()
                    .orElse(new Digest(m, from, f.clock.instant(), List.of()));
            List<DigestEntry> shown = d.section(DigestSection.NEW_ITEMS);
            assertThat(shown.size() + d.omitted(DigestSection.NEW_ITEMS)).as("new items for " + m)
                    .isEqualTo(expected.size());
            assertThat(shown).extracting(e -> e.object().id()).as("shown to " + m)
                    .containsExactlyInAnyOrderElementsOf(expected.subList(0, Math.min(5, expected.size())).stream()
                            .map(p -> p.item().id().value()).toList());
            // the same digest as the member's own digest of the period
            Digest own = f.as(m).digests().digest(from, f.clock.instant());
            assertThat(own.entries()).isEqualTo(d.entries());
            assertThat(own.omitted()).isEqualTo(d.omitted());
        }
    }

    private record Published(KnowledgeItem item, MemberId owner, Instant at) {}

    private boolean visible(MemberId m, KnowledgeItem item) {
        try {
            f.as(m).knowledge().get(item.id());
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void aRunOverManyMembersCommitsChunkByChunk_andAResumedRunSendsOnlyTheRest() {
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger failAt = new AtomicInteger(-1);
        f = Fixture.create(b -> b.notifier(new Notifier() {
            @Override
            public void deliver(Notification notification) {}

            @Override
            public void deliverDigest(Digest digest) {
                delivered.add(digest);
            }
        }));
        MemberId ann = f.member("ann", ACME);
        CommunityId heat = f.community(ann, "Heat");
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            MemberId m = f.member(String.format("r%04d", i), i % 2 == 0 ? ACME : BETA);
            f.join(heat, m);
            f.as(m).subscriptions().setPreference(NotificationFrequency.DAILY);
            members.add(m);
        }
        f.clock.advance(Duration.ofHours(1));
        f.published(ann, heat, Audience.community(), content("News", "body"));
        f.clock.advance(Duration.ofDays(1));
        // a kit on the same storage whose second digest chunk fails when it commits
        Storage failing = new FailingWrites(f.storage, writes, failAt);
        try (org.copkit.CopKit second = org.copkit.CopKit.builder().storage(failing).clock(f.clock)
                .notifier(new Notifier() {
                    @Override
                    public void deliver(Notification notification) {}

                    @Override
                    public void deliverDigest(Digest digest) {
                        delivered.add(digest);
                    }
                }).build()) {
            writes.set(0);
            failAt.set(3); // the first chunk's marks (1) and confirmation (2) commit, the second chunk's marks fail
            assertThatThrownBy(() -> second.system().digests().sendDue(NotificationFrequency.DAILY))
                    .isInstanceOf(CopKitException.class).hasMessageContaining("disk full");
        }
        assertThat(delivered).as("the first chunk was committed and delivered").hasSize(100);

        DigestReport rest = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);

        assertThat(rest.marked()).hasSize(1_000).doesNotContainAnyElementsOf(delivered.subList(0, 100).stream()
                .map(Digest::member).toList());
        assertThat(delivered.stream().map(Digest::member)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(members);
        assertThat(f.kit.system().digests().sendDue(NotificationFrequency.DAILY).marked()).isEmpty();
    }

    // ---- the outbox: a crash or a failing notifier at each step loses nobody's digest

    /** A process that dies: not a RuntimeException, so nothing catches it on the way out of sendDue. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("the process died");
        }
    }

    /** Delivers into {@link #delivered}; {@code onCall} may throw before accepting the n-th call (from 1). */
    private Notifier notifier(java.util.function.IntConsumer onCall) {
        AtomicInteger calls = new AtomicInteger();
        return new Notifier() {
            @Override
            public void deliver(Notification notification) {}

            @Override
            public void deliverDigest(Digest digest) {
                onCall.accept(calls.incrementAndGet());
                delivered.add(digest);
            }
        };
    }

    /** {@code n} members of one community with DAILY digests and one published item each can see, a day on. */
    private List<MemberId> dailyMembers(int n) {
        MemberId ann = f.member("ann", ACME);
        CommunityId heat = f.community(ann, "Heat");
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MemberId m = f.member(String.format("r%04d", i), i % 2 == 0 ? ACME : BETA);
            f.join(heat, m);
            f.as(m).subscriptions().setPreference(NotificationFrequency.DAILY);
            members.add(m);
        }
        f.clock.advance(Duration.ofHours(1));
        f.published(ann, heat, Audience.community(), content("News", "body"));
        f.clock.advance(Duration.ofDays(1));
        return members;
    }

    /** Every member got their digest, and counted by delivery key exactly once. */
    private void everyMemberGotExactlyOneDigestByKey(List<MemberId> members) {
        Map<MemberId, Set<String>> keys = new HashMap<>();
        delivered.forEach(d -> keys.computeIfAbsent(d.member(), m -> new HashSet<>()).add(d.deliveryKey()));
        assertThat(keys.keySet()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(keys.values()).allSatisfy(k -> assertThat(k).hasSize(1));
    }

    @Test
    void aNotifierThatFails_leavesTheDigestPending_andARunAfterTheLeaseDeliversItOnce() {
        Set<Integer> refused = Set.of(3, 40, 101, 150);
        f = Fixture.create(b -> b.notifier(notifier(call -> {
            if (refused.contains(call)) {
                throw new IllegalStateException("mail server down");
            }
        })));
        List<MemberId> members = dailyMembers(150);

        DigestReport first = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(first.marked()).hasSize(150);
        assertThat(first.delivered()).hasSize(146);
        List<MemberId> missing = new ArrayList<>(members);
        missing.removeAll(delivered.stream().map(Digest::member).toList());
        assertThat(missing).hasSize(4);
        assertThat(f.storage.read(tx -> tx.digestMarks().findAll(missing)).values())
                .allSatisfy(m -> assertThat(m.pending()).isTrue());

        f.clock.advance(DigestService.DELIVERY_LEASE.minusSeconds(1));
        DigestReport early = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(early.marked()).isEmpty();
        assertThat(early.delivered()).as("still within the lease").isEmpty();

        f.clock.advance(Duration.ofSeconds(1));
        DigestReport retry = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(retry.marked()).isEmpty();
        assertThat(retry.delivered()).extracting(Digest::member).containsExactlyInAnyOrderElementsOf(missing);
        assertThat(retry.delivered()).allSatisfy(d -> assertThat(d.section(DigestSection.NEW_ITEMS)).hasSize(1));
        assertThat(delivered.stream().map(Digest::member)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(members);
        everyMemberGotExactlyOneDigestByKey(members);
        assertThat(f.storage.read(tx -> tx.digestMarks().findAll(members)).values())
                .allSatisfy(m -> assertThat(m.pending()).isFalse());
        f.clock.advance(DigestService.DELIVERY_LEASE.multipliedBy(2));
        assertThat(f.kit.system().digests().sendDue(NotificationFrequency.DAILY).delivered()).isEmpty();
    }

    @Test
    void aCrashBetweenCommitAndDelivery_losesNobody_andRedeliversWithTheSameKey() {
        AtomicInteger crashAt = new AtomicInteger(150); // the 50th digest of the second chunk
        f = Fixture.create(b -> b.notifier(notifier(call -> {
            if (call == crashAt.get()) {
                throw new Crash();
            }
        })));
        List<MemberId> members = dailyMembers(250);

        assertThatThrownBy(() -> f.kit.system().digests().sendDue(NotificationFrequency.DAILY))
                .isInstanceOf(Crash.class);
        assertThat(delivered).as("chunk 1, and chunk 2 up to the crash").hasSize(149);
        crashAt.set(-1);

        // another node right after: the third chunk is new; the second is pending under its lease
        DigestReport second = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(second.marked()).hasSize(50);
        assertThat(second.delivered()).hasSize(50);

        f.clock.advance(DigestService.DELIVERY_LEASE);
        DigestReport third = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(third.marked()).isEmpty();
        assertThat(third.delivered()).as("the second chunk, confirmed by nobody").hasSize(100);
        everyMemberGotExactlyOneDigestByKey(members);
        long twice = delivered.stream().map(Digest::member).distinct().count();
        assertThat(delivered.size() - twice).as("handed over twice: only those accepted before the crash in its chunk")
                .isEqualTo(49);
        f.clock.advance(DigestService.DELIVERY_LEASE);
        assertThat(f.kit.system().digests().sendDue(NotificationFrequency.DAILY).delivered()).isEmpty();
    }

    @Test
    void aStorageFailureAtTheConfirmation_redeliversTheChunkAfterTheLease_withTheSameKeys() {
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger failAt = new AtomicInteger(-1);
        f = Fixture.create(b -> b.notifier(notifier(call -> { })));
        List<MemberId> members = dailyMembers(120);
        Storage failing = new FailingWrites(f.storage, writes, failAt);
        try (org.copkit.CopKit node = org.copkit.CopKit.builder().storage(failing).clock(f.clock)
                .notifier(notifier(call -> { })).build()) {
            writes.set(0);
            failAt.set(2); // the first chunk's marks commit, its confirmation fails
            assertThatThrownBy(() -> node.system().digests().sendDue(NotificationFrequency.DAILY))
                    .isInstanceOf(CopKitException.class).hasMessageContaining("disk full");
        }
        assertThat(delivered).hasSize(100);
        DigestReport rest = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(rest.marked()).hasSize(20);
        f.clock.advance(DigestService.DELIVERY_LEASE);
        DigestReport again = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(again.delivered()).hasSize(100);
        assertThat(delivered).hasSize(220);
        everyMemberGotExactlyOneDigestByKey(members);
    }

    @Test
    void aStorageFailureAtTheMarks_deliversNothingOfThatChunk_andTheNextRunSendsItOnce() {
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger failAt = new AtomicInteger(-1);
        f = Fixture.create(b -> b.notifier(notifier(call -> { })));
        List<MemberId> members = dailyMembers(120);
        Storage failing = new FailingWrites(f.storage, writes, failAt);
        try (org.copkit.CopKit node = org.copkit.CopKit.builder().storage(failing).clock(f.clock)
                .notifier(notifier(call -> { })).build()) {
            writes.set(0);
            failAt.set(1);
            assertThatThrownBy(() -> node.system().digests().sendDue(NotificationFrequency.DAILY))
                    .isInstanceOf(CopKitException.class).hasMessageContaining("disk full");
        }
        assertThat(delivered).isEmpty();
        assertThat(f.kit.system().digests().sendDue(NotificationFrequency.DAILY).delivered()).hasSize(120);
        f.clock.advance(DigestService.DELIVERY_LEASE);
        assertThat(f.kit.system().digests().sendDue(NotificationFrequency.DAILY).delivered()).isEmpty();
        assertThat(delivered.stream().map(Digest::member)).doesNotHaveDuplicates();
        everyMemberGotExactlyOneDigestByKey(members);
    }

    /** Fails the n-th write after {@code failAt} was set, as a full disk would at commit. */
    private static final class FailingWrites extends ForwardingStorage {
        private final AtomicInteger writes;
        private final AtomicInteger failAt;

        FailingWrites(Storage storage, AtomicInteger writes, AtomicInteger failAt) {
            super(storage);
            this.writes = writes;
            this.failAt = failAt;
        }

        @Override
        public <T> T write(Function<Transaction, T> work) {
            return super.write(tx -> {
                T result = work.apply(tx);
                if (writes.incrementAndGet() == failAt.get()) {
                    throw new CopKitException(ErrorCode.STORAGE, "disk full");
                }
                return result;
            });
        }

        @Override
        public void close() {
        }
    }
}
