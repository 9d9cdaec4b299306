package org.copkit.spi;

import java.util.Optional;

/**
 * Storage of one aggregate type with optimistic versioning. Every {@link #insert} and {@link #update}
 * appends a {@link Change} to the transaction's {@link ChangeFeed}, so the change and its feed entry
 * commit together or not at all. The exceptions of {@link #insert} and {@link #update} may come from a
 * later call of the same transaction or from its commit instead (see {@link Storage}).
 *
 * @param <K> the key type
 * @param <T> the aggregate type
 */
public interface Repository<K, T> {
    /**
     * @param key the key
     * @return the stored aggregate as seen by this transaction, or empty
     */
    Optional<T> find(K key);

    /**
     * Several aggregates at once, as {@link #find} would return each; a backend answers in few round
     * trips (storage-jdbc: one statement per 1,000 keys), the default asks one by one.
     *
     * @param keys the keys, not null; duplicates allowed
     * @return the stored aggregates by key, in the order of the keys; keys with nothing stored are absent
     */
    default java.util.Map<K, T> findAll(java.util.Collection<K> keys) {
        java.util.Map<K, T> found = new java.util.LinkedHashMap<>();
        for (K k : keys) {
            if (!found.containsKey(k)) {
                find(k).ifPresent(v -> found.put(k, v));
            }
        }
        return found;
    }

    /**
     * Stores a new aggregate, whose version must be 1.
     *
     * @param entity the aggregate
     * @return the stored aggregate
     * @throws org.copkit.ConflictException when one with the same key exists
     */
    T insert(T entity);

    /**
     * Replaces a stored aggregate. The given entity's version must be exactly one more than the stored
     * one; anything else means somebody else changed it first, and nothing is written.
     *
     * @param entity the new state, with version = stored version + 1
     * @return the stored aggregate
     * @throws org.copkit.ConflictException when the stored version is not {@code entity.version() - 1}
     * @throws org.copkit.NotFoundException when nothing is stored under the key
     */
    T update(T entity);

    /**
     * Stores new aggregates as {@link #insert} does, in list order, with one change-feed entry each (in
     * list order). Backends override this to write in batches; the default inserts one by one. On a
     * failure some may already be written in this transaction, which the caller then rolls back.
     *
     * @param entities new aggregates, each with version 1; may be empty
     * @return the stored aggregates, in list order
     * @throws org.copkit.ConflictException when one has the key of a stored aggregate or of another in the list
     */
    default java.util.List<T> insertAll(java.util.List<T> entities) {
        java.util.List<T> stored = new java.util.ArrayList<>(entities.size());
        for (T e : entities) {
            stored.add(insert(e));
        }
        return stored;
    }
}
