package org.copkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.activity.Activity;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.spi.ActivityFilter;

/**
 * Activities in sequence order, with lists per community, actor, object, community and actor, and
 * community and target member. The storage keeps one for the committed log; a transaction keeps one for
 * the activities it appended (all of them later than every committed one) and hands it to {@link
 * #addAll} at commit. Every list is in ascending sequence, so a cursor (a sequence) is found by binary
 * search and a page reads only the rows it returns and the rows it skips in its list.
 */
final class MemActivityLog {
    private record CommunityActor(CommunityId community, MemberId actor) {}

    private record CommunityTarget(CommunityId community, Ref target) {}

    /**
     * Activities in ascending sequence, in an array that grows by half (most lists, such as one
     * object's, hold one or two activities: two small objects each); for a community's list also the
     * latest {@code at} up to each one.
     */
    static final class Seq {
        Activity[] rows = new Activity[1];
        int size;
        /** {@code latestAt.get(i)}: the latest {@code at} of rows 0..i (only kept for community lists). */
        final ArrayList<Instant> latestAt;

        Seq(boolean keepLatestAt) {
            latestAt = keepLatestAt ? new ArrayList<>(2) : null;
        }

        void add(Activity a) {
            if (latestAt != null) {
                Instant previous = latestAt.isEmpty() ? a.at() : latestAt.get(latestAt.size() - 1);
                latestAt.add(a.at().isAfter(previous) ? a.at() : previous);
            }
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size + (size >> 1) + 1);
            }
            rows[size++] = a;
        }

        int size() {
            return size;
        }

        Activity get(int i) {
            return rows[i];
        }

        /** @return the index of the first row with a sequence greater than {@code sequence} */
        int firstAfter(long sequence) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rows[mid].sequence() <= sequence) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** @return the index of the first row whose {@code at}, or an earlier row's, is at or after {@code since} */
        int firstPossiblySince(Instant since) {
            int lo = 0;
            int hi = latestAt.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (latestAt.get(mid).isBefore(since)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static final Seq EMPTY = new Seq(false);

    private final List<Activity> all = new java.util.AbstractList<>() {
        @Override
        public Activity get(int index) {
            java.util.Objects.checkIndex(index, everything.size);
            return everything.rows[index];
        }

        @Override
        public int size() {
            return everything.size;
        }
    };
    private final Seq everything = new Seq(false);
    /** Whether the lists below are kept; a transaction's log builds them at its first listing. */
    private boolean indexed;
    private final Map<CommunityId, Seq> byCommunity = new HashMap<>();
    private final Map<MemberId, Seq> byActor = new HashMap<>();
    /** An object's only activity, or its {@link Seq} once it has several (most objects have one). */
    private final Map<Ref, Object> byObject = new HashMap<>();
    private final Map<CommunityActor, Seq> byCommunityActor = new HashMap<>();
    private final Map<CommunityTarget, Seq> byCommunityTarget = new HashMap<>();

    /**
     * @param indexed keep the lists per community, actor, ... from the start (else: from the first listing)
     */
    MemActivityLog(boolean indexed) {
        this.indexed = indexed;
    }

    /** @return every activity, in ascending sequence */
    List<Activity> all() {
        return all;
    }

    int size() {
        return everything.size();
    }

    /** Appends an activity whose sequence is greater than every one already here. */
    void add(Activity a) {
        everything.add(a);
        if (indexed) {
            index(a);
        }
    }

    private void index(Activity a) {
        a.community().ifPresent(c -> {
            byCommunity.computeIfAbsent(c, x -> new Seq(true)).add(a);
            byCommunityActor.computeIfAbsent(new CommunityActor(c, a.actor()), x -> new Seq(false)).add(a);
            a.target().ifPresent(t -> byCommunityTarget.computeIfAbsent(new CommunityTarget(c, t),
                    x -> new Seq(false)).add(a));
        });
        byActor.computeIfAbsent(a.actor(), x -> new Seq(false)).add(a);
        byObject.merge(a.object(), a, (earlier, x) -> {
            Seq seq;
            if (earlier instanceof Seq s) {
                seq = s;
            } else {
                seq = new Seq(false);
                seq.add((Activity) earlier);
            }
            seq.add((Activity) x);
            return seq;
        });
    }

    void addAll(MemActivityLog later) {
        for (int i = 0; i < later.everything.size; i++) {
            add(later.everything.rows[i]);
        }
    }

    /** Activities matching the filter with a sequence below {@code before}, newest first. */
    Iterator<Activity> list(ActivityFilter filter, long before) {
        ensureIndexed();
        Seq seq = everything;
        if (filter.community().isPresent() && filter.actor().isPresent()) {
            seq = get(byCommunityActor, new CommunityActor(filter.community().get(), filter.actor().get()));
        } else {
            if (filter.community().isPresent()) {
                seq = smaller(seq, get(byCommunity, filter.community().get()));
            }
            if (filter.actor().isPresent()) {
                seq = smaller(seq, get(byActor, filter.actor().get()));
            }
        }
        if (filter.object().isPresent()) {
            seq = smaller(seq, ofObject(filter.object().get()));
        }
        Predicate<Activity> matches = a -> (filter.community().isEmpty() || a.community().equals(filter.community()))
                && (filter.actor().isEmpty() || a.actor().equals(filter.actor().get()))
                && (filter.object().isEmpty() || a.object().equals(filter.object().get()));
        return filtered(newestFirst(seq, before), matches);
    }

    /** Activities of the community at or after {@code since} with a sequence above {@code after}, oldest first. */
    Iterator<Activity> since(CommunityId community, Instant since, long after) {
        ensureIndexed();
        Seq seq = get(byCommunity, community);
        if (seq.size() == 0) {
            return Collections.emptyIterator();
        }
        int from = Math.max(seq.firstAfter(after), seq.firstPossiblySince(since));
        return filtered(ascending(seq, from), a -> !a.at().isBefore(since));
    }

    /** Activities of the community by the member or naming the member as target, below {@code before}, newest first. */
    Iterator<Activity> involving(CommunityId community, MemberId member, long before) {
        ensureIndexed();
        Iterator<Activity> byMember = newestFirst(get(byCommunityActor, new CommunityActor(community, member)), before);
        Iterator<Activity> naming = newestFirst(get(byCommunityTarget, new CommunityTarget(community,
                new Ref(ObjectType.MEMBER, member.value()))), before);
        return new Iterator<>() {
            private Activity a = byMember.hasNext() ? byMember.next() : null;
            private Activity b = naming.hasNext() ? naming.next() : null;

            @Override
            public boolean hasNext() {
                return a != null || b != null;
            }

            @Override
            public Activity next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Activity next;
                if (b == null || (a != null && a.sequence() >= b.sequence())) {
                    next = a;
                    if (b != null && b.sequence() == a.sequence()) {
                        b = naming.hasNext() ? naming.next() : null; // by the member and naming the member
                    }
                    a = byMember.hasNext() ? byMember.next() : null;
                } else {
                    next = b;
                    b = naming.hasNext() ? naming.next() : null;
                }
                return next;
            }
        };
    }

    private void ensureIndexed() {
        if (!indexed) {
            indexed = true;
            for (int i = 0; i < everything.size; i++) {
                index(everything.rows[i]);
            }
        }
    }

    private Seq ofObject(Ref object) {
        Object o = byObject.get(object);
        if (o == null) {
            return EMPTY;
        }
        if (o instanceof Seq s) {
            return s;
        }
        Seq one = new Seq(false);
        one.add((Activity) o);
        return one;
    }

    private static <T> Seq get(Map<T, Seq> map, T key) {
        Seq s = map.get(key);
        return s == null ? EMPTY : s;
    }

    private static Seq smaller(Seq a, Seq b) {
        return b.size() < a.size() ? b : a;
    }

    private static Iterator<Activity> newestFirst(Seq seq, long before) {
        int end = before == Long.MAX_VALUE ? seq.size() : seq.firstAfter(before - 1);
        Activity[] rows = seq.rows;
        return new Iterator<>() {
            private int next = end - 1;

            @Override
            public boolean hasNext() {
                return next >= 0;
            }

            @Override
            public Activity next() {
                if (next < 0) {
                    throw new NoSuchElementException();
                }
                return rows[next--];
            }
        };
    }

    /** The rows from index {@code from} up to the size the list had when this was called. */
    private static Iterator<Activity> ascending(Seq seq, int from) {
        int end = seq.size();
        Activity[] rows = seq.rows;
        return new Iterator<>() {
            private int next = from;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Activity next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                return rows[next++];
            }
        };
    }

    /** Keeps the rows that match; lazy. */
    static <T> Iterator<T> filtered(Iterator<T> rows, Predicate<T> keep) {
        return new Iterator<>() {
            private T next = advance();

            private T advance() {
                while (rows.hasNext()) {
                    T t = rows.next();
                    if (keep.test(t)) {
                        return t;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public T next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                T t = next;
                next = advance();
                return t;
            }
        };
    }
}
