package org.copkit.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of a {@link MemIndex}, sorted, in chunks of up to {@value #CHUNK} entries (arrays) kept in
 * order in a list: a lookup is a binary search over the chunks' first entries and one in a chunk. Four
 * bytes per entry where a {@link java.util.TreeSet} takes a 40-byte node: a million rows in four
 * indexes leave the garbage collector far fewer objects to copy. Entries added after the last one
 * (rising ids) fill chunks completely; other chunks split in half when full.
 *
 * <p>Not thread-safe: changed only under the storage's write lock (committed entries) or by one
 * transaction (its own entries). An iterator reflects the set as it was when the iterator was made only
 * as long as the set does not change.
 */
final class MemSortedSet {
    static final int CHUNK = 256;

    private static final class Chunk {
        Object[][] rows;
        int n;

        Chunk(int capacity) {
            rows = new Object[capacity][];
        }

        Object[] first() {
            return rows[0];
        }
    }

    private final Comparator<Object[]> order;
    private final ArrayList<Chunk> chunks = new ArrayList<>();
    private int size;

    MemSortedSet(Comparator<Object[]> order) {
        this.order = order;
    }

    int size() {
        return size;
    }

    /** @return the index of the last chunk whose first entry is not above {@code e}, or 0 */
    private int chunkOf(Object[] e) {
        int lo = 1;
        int hi = chunks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(chunks.get(mid).first(), e) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** @return the position of {@code e} in the chunk, or {@code -(insertion point) - 1} */
    private int search(Chunk c, Object[] e) {
        int lo = 0;
        int hi = c.n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = order.compare(c.rows[mid], e);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** @return whether the entry was added (false: an equal one is here) */
    boolean add(Object[] e) {
        if (chunks.isEmpty()) {
            Chunk c = new Chunk(4);
            c.rows[0] = e;
            c.n = 1;
            chunks.add(c);
            size = 1;
            return true;
        }
        int ci = chunkOf(e);
        Chunk c = chunks.get(ci);
        int pos = search(c, e);
        if (pos >= 0) {
            return false;
        }
        pos = -pos - 1;
        if (c.n == CHUNK) {
            if (pos == CHUNK && ci == chunks.size() - 1) {
                Chunk next = new Chunk(16);
                next.rows[0] = e;
                next.n = 1;
                chunks.add(next);
                size++;
                return true;
            }
            int half = CHUNK / 2;
            Chunk right = new Chunk(CHUNK);
            System.arraycopy(c.rows, half, right.rows, 0, CHUNK - half);
            right.n = CHUNK - half;
            Arrays.fill(c.rows, half, CHUNK, null);
            c.n = half;
            chunks.add(ci + 1, right);
            if (pos > half) {
                c = right;
                pos -= half;
            }
        }
        if (c.n == c.rows.length) {
            c.rows = Arrays.copyOf(c.rows, Math.min(CHUNK, c.rows.length * 2));
        }
        System.arraycopy(c.rows, pos, c.rows, pos + 1, c.n - pos);
        c.rows[pos] = e;
        c.n++;
        size++;
        return true;
    }

    /** @return whether an equal entry was here and is removed */
    boolean remove(Object[] e) {
        if (chunks.isEmpty()) {
            return false;
        }
        int ci = chunkOf(e);
        Chunk c = chunks.get(ci);
        int pos = search(c, e);
        if (pos < 0) {
            return false;
        }
        System.arraycopy(c.rows, pos + 1, c.rows, pos, c.n - pos - 1);
        c.rows[--c.n] = null;
        size--;
        if (c.n == 0) {
            chunks.remove(ci);
        }
        return true;
    }

    /**
     * The entries strictly between two bounds that equal no entry (they end in {@link MemIndex#LOW} or
     * {@link MemIndex#HIGH}); lazy.
     *
     * @param descending from the last entry below {@code to} down to the first above {@code from}
     */
    Iterator<Object[]> range(Object[] from, Object[] to, boolean descending) {
        if (chunks.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        if (!descending) {
            int ci = chunkOf(from);
            int pos = -search(chunks.get(ci), from) - 1;
            return new Iterator<>() {
                private int c = ci;
                private int p = pos;
                private Object[] next = advance();

                private Object[] advance() {
                    while (c < chunks.size() && p >= chunks.get(c).n) {
                        c++;
                        p = 0;
                    }
                    if (c >= chunks.size()) {
                        return null;
                    }
                    Object[] e = chunks.get(c).rows[p++];
                    return order.compare(e, to) < 0 ? e : null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Object[] next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Object[] e = next;
                    next = advance();
                    return e;
                }
            };
        }
        int ci = chunkOf(to);
        int pos = -search(chunks.get(ci), to) - 2;
        return new Iterator<>() {
            private int c = ci;
            private int p = pos;
            private Object[] next = advance();

            private Object[] advance() {
                while (c >= 0 && p < 0) {
                    c--;
                    p = c >= 0 ? chunks.get(c).n - 1 : -1;
                }
                if (c < 0) {
                    return null;
                }
                Object[] e = chunks.get(c).rows[p--];
                return order.compare(e, from) > 0 ? e : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Object[] next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Object[] e = next;
                next = advance();
                return e;
            }
        };
    }
}
