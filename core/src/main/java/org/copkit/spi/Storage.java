package org.copkit.spi;

import java.util.function.Function;

/**
 * The storage SPI: durable home of everything CoPKit knows. Implementations must pass
 * {@code org.copkit.testkit.StorageContract} from core's test-jar.
 *
 * <p>Contract in short: each {@link #write} is one atomic transaction (all of it commits, or nothing);
 * repositories version aggregates optimistically; every insert and update appends to the
 * {@link #changes() change feed} in the same transaction; exceptions thrown by the work roll back and
 * propagate unchanged; backend failures surface as {@link org.copkit.CopKitException} with
 * {@link org.copkit.ErrorCode#STORAGE}. Implementations are thread-safe.
 *
 * <p>A backend may send a write whose result the caller does not need later than the call that
 * made it, together with the transaction's next statement or before the commit (storage-jdbc does so
 * on PostgreSQL, to save round trips). The write's failure, such as the {@link
 * org.copkit.ConflictException} of a duplicate key or a stale version, then comes from that later
 * repository call or from {@link #write} itself; it is the same exception with the same message, and
 * it fails the transaction as a whole. Work must therefore not catch a repository's exception and go
 * on writing in the same transaction (on PostgreSQL a failed statement ends the transaction anyway).
 */
public interface Storage extends AutoCloseable {
    /**
     * Runs read-only work in a transaction that sees one consistent state.
     *
     * @param work the work; must not write
     * @param <T> result type
     * @return what the work returned
     */
    <T> T read(Function<Transaction, T> work);

    /**
     * Runs work in a read-write transaction and commits it when the work returns.
     *
     * <p>When the transaction fails for a reason that a new attempt usually does not meet (PostgreSQL
     * found a deadlock between two transactions and aborted one), a backend may roll back and run the
     * work again, a bounded number of times; only the last failure reaches the caller. The work must
     * therefore have no effect outside the transaction (core's work only collects what it hands to
     * listeners and the notifier after the commit).
     *
     * @param work the work
     * @param <T> result type
     * @return what the work returned
     */
    <T> T write(Function<Transaction, T> work);

    /** @return the committed change feed */
    ChangeFeed changes();

    /** Releases resources (connections, files). Idempotent. */
    @Override
    void close();
}
