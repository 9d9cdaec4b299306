package org.copkit.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.copkit.ObjectType;

/**
 * The committed rows of one aggregate type, with the secondary indexes its listings read and what a
 * transaction needs to know about them. Rows are found by key in a hash map; every ordered listing reads
 * a {@link MemIndex}. Changed only by {@link #commit}, under the storage's write lock.
 */
final class MemTable<K, V> {
    final ObjectType type;
    final Function<V, K> key;
    final ToLongFunction<V> version;
    final Function<K, String> refId;
    final Comparator<K> order;
    final Map<K, V> committed = new HashMap<>();
    final List<MemIndex<K, V>> indexes = new ArrayList<>();

    MemTable(ObjectType type, Comparator<K> order, Function<V, K> key, ToLongFunction<V> version,
            Function<K, String> refId) {
        this.type = type;
        this.order = order;
        this.key = key;
        this.version = version;
        this.refId = refId;
    }

    /**
     * Adds an index with one entry per row, or none where {@code parts} returns null.
     *
     * @param prefixLength how many leading parts a listing matches by equality
     * @param parts the entry's parts for a row, or null to leave the row out
     * @return the index
     */
    MemIndex<K, V> index(String name, int prefixLength, Function<V, Object[]> parts) {
        return indexMany(name, prefixLength, v -> {
            Object[] p = parts.apply(v);
            return p == null ? MemIndex.none() : MemIndex.one(p);
        });
    }

    /**
     * Adds an index with any number of entries per row (a practice under each of its stewards).
     *
     * @param prefixLength how many leading parts a listing matches by equality
     * @param parts the entries' parts for a row
     * @return the index
     */
    MemIndex<K, V> indexMany(String name, int prefixLength, Function<V, List<Object[]>> parts) {
        MemIndex<K, V> index = new MemIndex<>(type + "." + name, prefixLength, parts, order);
        indexes.add(index);
        return index;
    }

    /** Stores a transaction's rows and moves their index entries: {@code O(log n)} per row and index. */
    void commit(Map<K, V> rows) {
        for (Map.Entry<K, V> e : rows.entrySet()) {
            V old = committed.put(e.getKey(), e.getValue());
            for (MemIndex<K, V> index : indexes) {
                index.replaceCommitted(e.getKey(), old, e.getValue());
            }
        }
    }
}
