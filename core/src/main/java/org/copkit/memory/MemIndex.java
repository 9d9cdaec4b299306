package org.copkit.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A secondary index of a {@link MemTable}: a sorted set ({@link MemSortedSet}) of entries {@code [parts...,
 * primary key]}, one per row (none for a row the index leaves out, several for a row with several values, such as a
 * practice's stewards). The first {@link #prefixLength} parts are what a listing asks for by equality
 * (community, status, ...); the parts after them are the listing's order (id text, start, ...), and the
 * primary key breaks ties. A listing reads one range of the set per prefix: {@code O(log n + rows read)}.
 *
 * <p>Parts are {@link Comparable} values of one type per position (ids, enums, strings, instants,
 * longs), never null. Ids are kept as their text wherever a listing is ordered "by id", so that a cursor
 * (any text) bounds a range without being parsed. Only the owning {@link MemTable} changes {@link
 * #committed}, at commit, under the storage's write lock.
 */
final class MemIndex<K, V> {
    /** Bounds of ranges: below and above every value in a position. */
    static final Object LOW = new Object() {
        @Override
        public String toString() {
            return "LOW";
        }
    };
    static final Object HIGH = new Object() {
        @Override
        public String toString() {
            return "HIGH";
        }
    };

    /**
     * One index entry is an array: the row's parts, then its primary key as the last element (one object
     * per entry: a million rows in four indexes are four million arrays, not eight million objects). As a
     * range bound, fewer parts and {@link #LOW} or {@link #HIGH} as the last element.
     *
     * @return the entry of the parts and key
     */
    static Object[] entry(Object[] parts, Object key) {
        Object[] e = Arrays.copyOf(parts, parts.length + 1);
        e[parts.length] = key;
        return e;
    }

    /** @return the primary key of an entry */
    static Object key(Object[] entry) {
        return entry[entry.length - 1];
    }

    final String name;
    final int prefixLength;
    private final Function<V, List<Object[]>> entries;
    private final Comparator<K> keyOrder;
    /** Orders whole entries. */
    final Comparator<Object[]> order;
    /** Orders entries from the first part after the prefix: the listing order across prefixes. */
    final Comparator<Object[]> listingOrder;
    final MemSortedSet committed;

    /**
     * @param entries the parts of a row's entries: an empty list leaves the row out of the index
     */
    MemIndex(String name, int prefixLength, Function<V, List<Object[]>> entries, Comparator<K> keyOrder) {
        this.name = name;
        this.prefixLength = prefixLength;
        this.entries = entries;
        this.keyOrder = keyOrder;
        this.order = (a, b) -> compare(a, b, 0);
        this.listingOrder = (a, b) -> compare(a, b, prefixLength);
        this.committed = new MemSortedSet(order);
    }

    /** @return the parts of the row's entries (none: not indexed) */
    List<Object[]> parts(V row) {
        return row == null ? List.of() : entries.apply(row);
    }

    /** Adds the row's entries to a set ordered as this index. */
    void add(MemSortedSet set, K key, V row) {
        for (Object[] p : parts(row)) {
            set.add(entry(p, key));
        }
    }

    /** Removes the row's entries from a set ordered as this index. */
    void remove(MemSortedSet set, K key, V row) {
        for (Object[] p : parts(row)) {
            set.remove(entry(p, key));
        }
    }

    /** Moves a committed row from its old entries to its new ones; nothing happens when they are equal. */
    void replaceCommitted(K key, V old, V row) {
        List<Object[]> before = parts(old);
        List<Object[]> after = parts(row);
        if (samePartsLists(before, after)) {
            return;
        }
        for (Object[] p : before) {
            committed.remove(entry(p, key));
        }
        for (Object[] p : after) {
            committed.add(entry(p, key));
        }
    }

    private static boolean samePartsLists(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The entries of one prefix after a position, in listing order.
     *
     * @param set a set ordered as this index
     * @param prefix the values of the first {@link #prefixLength} parts
     * @param after the listing-order parts of the last row already seen (null: from the start); the
     *     range holds only entries strictly after them (before them, descending)
     * @param descending from the last entry to the first
     */
    Iterator<Object[]> range(MemSortedSet set, Object[] prefix, Object[] after, boolean descending) {
        if (prefix.length != prefixLength) {
            throw new IllegalArgumentException(name + " is looked up by " + prefixLength + " values, got "
                    + Arrays.toString(prefix));
        }
        Object[] from = entry(prefix, LOW);
        Object[] to = entry(prefix, HIGH);
        if (after != null) {
            Object[] bound = Arrays.copyOf(prefix, prefix.length + after.length);
            System.arraycopy(after, 0, bound, prefix.length, after.length);
            if (descending) {
                to = entry(bound, LOW);
            } else {
                from = entry(bound, HIGH);
            }
        }
        return set.range(from, to, descending);
    }

    @SuppressWarnings("unchecked")
    private int compare(Object[] a, Object[] b, int from) {
        int aParts = a.length - 1;
        int bParts = b.length - 1;
        int n = Math.max(aParts, bParts);
        for (int i = from; i < n; i++) {
            boolean aEnds = i >= aParts;
            boolean bEnds = i >= bParts;
            Object x = aEnds ? a[aParts] : a[i];
            Object y = bEnds ? b[bParts] : b[i];
            int c = compareBounded(x, y);
            if (c != 0 || aEnds || bEnds) {
                return c;
            }
        }
        Object x = a[aParts];
        Object y = b[bParts];
        if (x == LOW || x == HIGH || y == LOW || y == HIGH) {
            return compareBounded(x, y);
        }
        return keyOrder.compare((K) x, (K) y);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareBounded(Object x, Object y) {
        if (x == y) {
            return 0;
        }
        if (x == LOW || y == HIGH) {
            return -1;
        }
        if (x == HIGH || y == LOW) {
            return 1;
        }
        return ((Comparable) x).compareTo(y);
    }

    /** @return one entry's parts (a helper for index definitions) */
    static List<Object[]> one(Object... parts) {
        return List.<Object[]>of(parts);
    }

    /** @return no entry: the row is not in this index (a helper for index definitions) */
    static List<Object[]> none() {
        return List.of();
    }

    /**
     * Merges iterators that are each sorted by {@code order} into one sorted iterator; lazy.
     *
     * @param sources sorted iterators; no element appears in two of them
     */
    static <T> Iterator<T> merge(List<Iterator<T>> sources, Comparator<? super T> order) {
        List<Iterator<T>> live = new ArrayList<>(sources.size());
        for (Iterator<T> s : sources) {
            if (s.hasNext()) {
                live.add(s);
            }
        }
        if (live.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        if (live.size() == 1) {
            return live.get(0);
        }
        List<T> heads = new ArrayList<>(live.size());
        for (Iterator<T> s : live) {
            heads.add(s.next());
        }
        return new Iterator<>() {
            private int remaining = heads.size();

            @Override
            public boolean hasNext() {
                return remaining > 0;
            }

            @Override
            public T next() {
                int best = -1;
                for (int i = 0; i < heads.size(); i++) {
                    if (heads.get(i) != null && (best < 0 || order.compare(heads.get(i), heads.get(best)) < 0)) {
                        best = i;
                    }
                }
                if (best < 0) {
                    throw new NoSuchElementException();
                }
                T next = heads.get(best);
                Iterator<T> source = live.get(best);
                if (source.hasNext()) {
                    heads.set(best, source.next());
                } else {
                    heads.set(best, null);
                    remaining--;
                }
                return next;
            }
        };
    }
}
