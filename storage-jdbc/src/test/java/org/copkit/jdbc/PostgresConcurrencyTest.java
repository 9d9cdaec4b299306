package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.ConcurrencyContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The concurrency contract on PostgreSQL, with two storages (two connection pools, as two application
 * nodes have) on one schema: the rules that span rows hold when 16 calls arrive at once, half of them on
 * each node. Fails in CI when PostgreSQL is missing, skips with a message elsewhere.
 */
class PostgresConcurrencyTest extends ConcurrencyContract {
    @RegisterExtension
    static final PostgresSchema DATABASE = new PostgresSchema();

    @Override
    protected Storage newStorage() {
        return DATABASE.newStorage();
    }

    @Override
    protected Storage secondNode(Storage first) {
        return DATABASE.database().secondNode();
    }
}
