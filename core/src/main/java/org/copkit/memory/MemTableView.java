package org.copkit.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.NotFoundException;
import org.copkit.Ref;
import org.copkit.spi.Repository;

/**
 * One transaction's view of a table: committed rows overlaid with the rows it wrote. The rows it wrote
 * are kept apart (with their own index entries) until commit, so a rollback only drops them and the
 * committed rows and indexes never hold anything uncommitted.
 */
final class MemTableView<K, V> implements Repository<K, V> {
    private final MemTable<K, V> table;
    private final MemTransaction tx;
    /** Rows this transaction wrote (null until its first write). */
    private Map<K, V> staged;
    /**
     * The index entries of the staged rows, per index of the table (same order as {@code table.indexes});
     * built by the first listing that needs them, then kept up to date (a bulk insert that lists nothing
     * builds none).
     */
    private List<MemSortedSet> stagedEntries;

    MemTableView(MemTable<K, V> table, MemTransaction tx) {
        this.table = table;
        this.tx = tx;
    }

    @Override
    public Optional<V> find(K key) {
        return Optional.ofNullable(get(key));
    }

    private V get(K key) {
        V v = staged == null ? null : staged.get(key);
        return v != null ? v : table.committed.get(key);
    }

    @Override
    public V insert(V entity) {
        tx.checkWritable();
        K k = table.key.apply(entity);
        long v = table.version.applyAsLong(entity);
        if (v != 1) {
            throw new IllegalArgumentException("a new " + table.type + " must have version 1 but had " + v);
        }
        if (get(k) != null) {
            throw new ConflictException(table.type + " " + table.refId.apply(k) + " already exists");
        }
        stage(k, null, entity);
        tx.changed(new Ref(table.type, table.refId.apply(k)), v);
        return entity;
    }

    @Override
    public V update(V entity) {
        tx.checkWritable();
        K k = table.key.apply(entity);
        V current = get(k);
        if (current == null) {
            throw new NotFoundException(table.type + " " + table.refId.apply(k) + " does not exist");
        }
        long stored = table.version.applyAsLong(current);
        long next = table.version.applyAsLong(entity);
        if (next != stored + 1) {
            throw new ConflictException(table.type + " " + table.refId.apply(k) + " was changed concurrently: "
                    + "stored version is " + stored + ", the update expected " + (next - 1));
        }
        stage(k, current, entity);
        tx.changed(new Ref(table.type, table.refId.apply(k)), next);
        return entity;
    }

    /** Stages a row, moving its staged index entries from its earlier staged version (if any). */
    private void stage(K k, V current, V row) {
        if (staged == null) {
            staged = new HashMap<>();
        }
        V earlier = staged.put(k, row);
        for (int i = 0; stagedEntries != null && i < table.indexes.size(); i++) {
            MemIndex<K, V> index = table.indexes.get(i);
            if (earlier != null) {
                index.remove(stagedEntries.get(i), k, earlier);
            }
            index.add(stagedEntries.get(i), k, row);
        }
    }

    /**
     * Rows under one index prefix, in listing order, as this transaction sees them.
     *
     * @see #scan(MemIndex, List, Object[], boolean)
     */
    Iterator<V> scan(MemIndex<K, V> index, Object[] prefix, Object[] after) {
        return scan(index, List.<Object[]>of(prefix), after, false);
    }

    /**
     * Rows under several prefixes of one index, merged in listing order (the parts after the prefix,
     * then the key), as this transaction sees them: committed entries of rows it did not write, merged
     * with the entries of the rows it wrote. Lazy: reading k rows costs {@code O(p log n + k p)} for p
     * prefixes.
     *
     * @param after listing-order parts of the last row of the previous page, or null
     * @param descending last first
     */
    Iterator<V> scan(MemIndex<K, V> index, List<Object[]> prefixes, Object[] after, boolean descending) {
        int slot = table.indexes.indexOf(index);
        if (slot < 0) {
            throw new IllegalArgumentException(index.name + " is not an index of " + table.type);
        }
        if (staged != null && stagedEntries == null) {
            stagedEntries = new ArrayList<>(table.indexes.size());
            for (MemIndex<K, V> i : table.indexes) {
                MemSortedSet entries = new MemSortedSet(i.order);
                staged.forEach((k, v) -> i.add(entries, k, v));
                stagedEntries.add(entries);
            }
        }
        List<Iterator<Object[]>> sources = new ArrayList<>(prefixes.size() * 2);
        for (Object[] prefix : prefixes) {
            Iterator<Object[]> committed = index.range(index.committed, prefix, after, descending);
            if (staged == null) {
                sources.add(committed);
            } else {
                sources.add(withoutStaged(committed));
                sources.add(index.range(stagedEntries.get(slot), prefix, after, descending));
            }
        }
        Iterator<Object[]> entries = MemIndex.merge(sources,
                descending ? index.listingOrder.reversed() : index.listingOrder);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            @SuppressWarnings("unchecked")
            public V next() {
                return get((K) MemIndex.key(entries.next()));
            }
        };
    }

    /** Skips committed entries of rows this transaction wrote: their staged entries stand instead. */
    private Iterator<Object[]> withoutStaged(Iterator<Object[]> committed) {
        return new Iterator<>() {
            private Object[] next = advance();

            private Object[] advance() {
                while (committed.hasNext()) {
                    Object[] e = committed.next();
                    if (!staged.containsKey(MemIndex.key(e))) {
                        return e;
                    }
                }
                return null;
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

    void commit() {
        if (staged != null) {
            table.commit(staged);
        }
    }
}
