package org.copkit.memory;

import java.util.Comparator;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.copkit.ObjectType;

/** The committed rows of one aggregate type, with what a transaction needs to know about them. */
final class MemTable<K, V> {
    final ObjectType type;
    final Function<V, K> key;
    final ToLongFunction<V> version;
    final Function<K, String> refId;
    final Comparator<K> order;
    final NavigableMap<K, V> committed;

    MemTable(ObjectType type, Comparator<K> order, Function<V, K> key, ToLongFunction<V> version,
            Function<K, String> refId) {
        this.type = type;
        this.order = order;
        this.key = key;
        this.version = version;
        this.refId = refId;
        this.committed = new TreeMap<>(order);
    }
}
