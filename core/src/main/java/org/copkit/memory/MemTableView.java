package org.copkit.memory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.copkit.ConflictException;
import org.copkit.NotFoundException;
import org.copkit.Ref;
import org.copkit.spi.Repository;

/** One transaction's view of a table: committed rows overlaid with the rows it wrote. */
final class MemTableView<K, V> implements Repository<K, V> {
    private final MemTable<K, V> table;
    private final MemTransaction tx;
    private final TreeMap<K, V> staged;

    MemTableView(MemTable<K, V> table, MemTransaction tx) {
        this.table = table;
        this.tx = tx;
        this.staged = new TreeMap<>(table.order);
    }

    @Override
    public Optional<V> find(K key) {
        V v = staged.get(key);
        return Optional.ofNullable(v != null ? v : table.committed.get(key));
    }

    @Override
    public V insert(V entity) {
        tx.checkWritable();
        K k = table.key.apply(entity);
        long v = table.version.applyAsLong(entity);
        if (v != 1) {
            throw new IllegalArgumentException("a new " + table.type + " must have version 1 but had " + v);
        }
        if (find(k).isPresent()) {
            throw new ConflictException(table.type + " " + table.refId.apply(k) + " already exists");
        }
        staged.put(k, entity);
        tx.changed(new Ref(table.type, table.refId.apply(k)), v);
        return entity;
    }

    @Override
    public V update(V entity) {
        tx.checkWritable();
        K k = table.key.apply(entity);
        V current = find(k).orElseThrow(
                () -> new NotFoundException(table.type + " " + table.refId.apply(k) + " does not exist"));
        long stored = table.version.applyAsLong(current);
        long next = table.version.applyAsLong(entity);
        if (next != stored + 1) {
            throw new ConflictException(table.type + " " + table.refId.apply(k) + " was changed concurrently: "
                    + "stored version is " + stored + ", the update expected " + (next - 1));
        }
        staged.put(k, entity);
        tx.changed(new Ref(table.type, table.refId.apply(k)), next);
        return entity;
    }

    /** @return all rows as this transaction sees them, in key order */
    Stream<V> values() {
        if (staged.isEmpty()) {
            return table.committed.values().stream();
        }
        TreeMap<K, V> merged = new TreeMap<>(table.order);
        merged.putAll(table.committed);
        merged.putAll(staged);
        return merged.values().stream();
    }

    void commit() {
        for (Map.Entry<K, V> e : staged.entrySet()) {
            table.committed.put(e.getKey(), e.getValue());
        }
    }
}
