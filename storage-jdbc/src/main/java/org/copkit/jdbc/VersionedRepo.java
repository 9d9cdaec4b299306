package org.copkit.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.copkit.ConflictException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.spi.Repository;

/**
 * One table holding one versioned aggregate: find by key, insert at version 1, update with
 * {@code WHERE key AND version = stored} (optimistic), keyset paging. A new aggregate needs only a
 * subclass that names the table, its key and how rows map to the record.
 */
abstract class VersionedRepo<K, T> implements Repository<K, T> {
    final JdbcTransaction tx;
    final Db db;
    final String table;
    /** The table's unqualified name. */
    private final String name;
    private final ObjectType type;
    private final List<String> keyColumns;

    VersionedRepo(JdbcTransaction tx, ObjectType type, String table, String... keyColumns) {
        this.tx = tx;
        this.db = tx.db();
        this.type = type;
        this.table = db.schema.t(table);
        this.name = table;
        this.keyColumns = List.of(keyColumns);
    }

    /** @return the key of an aggregate */
    abstract K key(T entity);

    /** @return the key's column values, in the order of the key columns */
    abstract List<Object> keyValues(K key);

    /** @return the id of the aggregate in its {@link Ref} */
    abstract String refId(K key);

    abstract long version(T entity);

    /** @return every non-key column except version, with its value (see {@link Db} for value types) */
    abstract LinkedHashMap<String, Object> columns(T entity);

    abstract Db.Mapper<T> mapper();

    /** Called after the row was inserted or updated, in the same transaction (for lookup tables). */
    void written(T entity, boolean inserted) {
    }

    private String keyWhere() {
        return keyColumns.stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
    }

    @Override
    public Optional<T> find(K key) {
        return db.one("SELECT * FROM " + table + " WHERE " + keyWhere(), mapper(), keyValues(key).toArray());
    }

    /** Keys per statement of {@link #findAll}. */
    private static final int FIND_ALL_KEYS = 1_000;

    /** One {@code SELECT ... WHERE key IN (...)} per 1,000 keys for a one-column key; else one by one. */
    @Override
    public java.util.Map<K, T> findAll(java.util.Collection<K> keys) {
        if (keyColumns.size() != 1) {
            return Repository.super.findAll(keys);
        }
        List<K> distinct = List.copyOf(new java.util.LinkedHashSet<>(keys));
        java.util.Map<Object, T> byValue = new java.util.HashMap<>();
        for (int from = 0; from < distinct.size(); from += FIND_ALL_KEYS) {
            List<K> part = distinct.subList(from, Math.min(distinct.size(), from + FIND_ALL_KEYS));
            Object[] values = part.stream().map(k -> keyValues(k).get(0)).toArray();
            String marks = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
            for (T row : db.query("SELECT * FROM " + table + " WHERE " + keyColumns.get(0) + " IN (" + marks + ")",
                    mapper(), values)) {
                byValue.put(keyValues(key(row)).get(0), row);
            }
        }
        java.util.Map<K, T> found = new java.util.LinkedHashMap<>();
        for (K k : distinct) {
            T row = byValue.get(keyValues(k).get(0));
            if (row != null) {
                found.put(k, row);
            }
        }
        return found;
    }

    /**
     * Like {@link #findAll} for a one-column key, but reads only {@code columns} (which must include the
     * key column) and maps them with {@code mapper}: for heads that leave out large columns.
     */
    <H> java.util.Map<K, H> findColumns(java.util.Collection<K> keys, String columns, Db.Mapper<H> mapper,
            java.util.function.Function<H, K> keyOf) {
        List<K> distinct = List.copyOf(new java.util.LinkedHashSet<>(keys));
        java.util.Map<K, H> byKey = new java.util.HashMap<>();
        for (int from = 0; from < distinct.size(); from += FIND_ALL_KEYS) {
            List<K> part = distinct.subList(from, Math.min(distinct.size(), from + FIND_ALL_KEYS));
            Object[] values = part.stream().map(k -> keyValues(k).get(0)).toArray();
            String marks = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
            for (H row : db.query("SELECT " + columns + " FROM " + table + " WHERE " + keyColumns.get(0) + " IN ("
                    + marks + ")", mapper, values)) {
                byKey.put(keyOf.apply(row), row);
            }
        }
        java.util.Map<K, H> found = new java.util.LinkedHashMap<>();
        for (K k : distinct) {
            H row = byKey.get(k);
            if (row != null) {
                found.put(k, row);
            }
        }
        return found;
    }

    @Override
    public T insert(T entity) {
        tx.checkWritable();
        K key = key(entity);
        long version = version(entity);
        if (version != 1) {
            throw new IllegalArgumentException("a new " + type + " must have version 1 but had " + version);
        }
        LinkedHashMap<String, Object> columns = columns(entity);
        List<String> names = new ArrayList<>(keyColumns);
        names.addAll(columns.keySet());
        names.add("version");
        List<Object> values = new ArrayList<>(keyValues(key));
        values.addAll(columns.values());
        values.add(version);
        String marks = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        db.later(name, "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (" + marks + ")",
                type + " " + refId(key) + " already exists", Db.ANY_ROWS, values.toArray());
        written(entity, true);
        tx.changed(new Ref(type, refId(key)), version);
        return entity;
    }

    @Override
    public T update(T entity) {
        tx.checkWritable();
        K key = key(entity);
        long next = version(entity);
        LinkedHashMap<String, Object> columns = columns(entity);
        String set = columns.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
        List<Object> values = new ArrayList<>(columns.values());
        values.add(next);
        values.addAll(keyValues(key));
        values.add(next - 1);
        db.later(name, "UPDATE " + table + " SET " + set + ", version = ? WHERE " + keyWhere() + " AND version = ?",
                null, rows -> {
                    if (rows == 0) {
                        throw missingOrChanged(key, next - 1);
                    }
                }, values.toArray());
        written(entity, false);
        tx.changed(new Ref(type, refId(key)), next);
        return entity;
    }

    /** The error for an update that found no row of the expected version: why not. */
    private RuntimeException missingOrChanged(K key, long expected) {
        Optional<Long> stored = db.one("SELECT version FROM " + table + " WHERE " + keyWhere(),
                r -> r.longValue("version"), keyValues(key).toArray());
        if (stored.isEmpty()) {
            return new NotFoundException(type + " " + refId(key) + " does not exist");
        }
        return new ConflictException(type + " " + refId(key) + " was changed concurrently: stored version is "
                + stored.get() + ", the update expected " + expected);
    }

    /**
     * A keyset page ordered by one text column (binary order), after the columns the condition fixes.
     *
     * @param where the condition without the cursor
     */
    Page<T> page(Where where, String orderColumn, Function<T, String> cursor, PageRequest page) {
        return page("SELECT * FROM " + table, where, orderColumn, cursor, page);
    }

    /**
     * A keyset page of the rows a select (for example a join with a lookup table) yields, ordered by
     * one text column (binary order) after the columns the condition fixes.
     *
     * @param select {@code SELECT ... FROM ...} without a WHERE clause, yielding this table's columns
     */
    Page<T> page(String select, Where where, String orderColumn, Function<T, String> cursor, PageRequest page) {
        List<Object> all = new ArrayList<>(where.args());
        List<String> conditions = new ArrayList<>(where.conditions());
        page.after().ifPresent(after -> {
            conditions.add(orderColumn + " > ?");
            all.add(after);
        });
        StringBuilder sql = new StringBuilder(select);
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        List<String> order = new ArrayList<>(where.fixed());
        order.add(orderColumn);
        sql.append(" ORDER BY ").append(String.join(", ", order)).append(" LIMIT ").append(page.limit() + 1);
        return Paging.page(db.query(sql.toString(), mapper(), all.toArray()), cursor, page);
    }

    /** @return {@code column IN (?, ?, ...)} for the given number of values */
    static String in(String column, int count) {
        return column + " IN (" + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
    }

    /**
     * Inserts in JDBC batches: one statement, one round trip per {@link Db#BATCH_ROWS} rows; the
     * change-feed entries are buffered in list order as {@link #insert} buffers them.
     */
    @Override
    public List<T> insertAll(List<T> entities) {
        tx.checkWritable();
        if (entities.isEmpty()) {
            return List.of();
        }
        List<String> names = null;
        List<Object[]> rows = new ArrayList<>(entities.size());
        for (T entity : entities) {
            long version = version(entity);
            if (version != 1) {
                throw new IllegalArgumentException("a new " + type + " must have version 1 but had " + version);
            }
            LinkedHashMap<String, Object> columns = columns(entity);
            if (names == null) {
                names = new ArrayList<>(keyColumns);
                names.addAll(columns.keySet());
                names.add("version");
            }
            List<Object> values = new ArrayList<>(keyValues(key(entity)));
            values.addAll(columns.values());
            values.add(version);
            rows.add(values.toArray());
        }
        String marks = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        try {
            db.batch("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (" + marks + ")", rows);
        } catch (ConflictException e) {
            throw new ConflictException("one of " + entities.size() + " new " + type + "s already exists: "
                    + e.getMessage());
        }
        for (T entity : entities) {
            written(entity, true);
            tx.changed(new Ref(type, refId(key(entity))), 1);
        }
        return List.copyOf(entities);
    }
}
