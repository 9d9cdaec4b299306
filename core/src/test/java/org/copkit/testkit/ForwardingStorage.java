package org.copkit.testkit;

import java.util.Objects;
import java.util.function.Function;
import org.copkit.spi.ChangeFeed;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;

/**
 * A {@link Storage} that hands every call to another one; tests and benchmarks override the one call they
 * change (a storage whose close leaves the target open, whose writes fail on demand, whose change feed
 * sends no notifications).
 */
public class ForwardingStorage implements Storage {
    private final Storage target;

    /** @param target the storage that does the work, not null */
    public ForwardingStorage(Storage target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** @return the storage that does the work */
    protected final Storage target() {
        return target;
    }

    @Override
    public <T> T read(Function<Transaction, T> work) {
        return target.read(work);
    }

    @Override
    public <T> T write(Function<Transaction, T> work) {
        return target.write(work);
    }

    @Override
    public ChangeFeed changes() {
        return target.changes();
    }

    @Override
    public void close() {
        target.close();
    }
}
