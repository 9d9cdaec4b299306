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
            failAt.set(2);
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
