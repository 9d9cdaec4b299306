package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.ConcurrencyContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The concurrency contract on PostgreSQL, with two storages (two connection pools, as two application
 * nodes have) on one schema: the rules that span rows hold when 16 calls arrive at once, half of them on
 * each node. Fails in CI when PostgreSQL is missing, skips with a message elsewhere.
 */
class PostgresConcurrencyTest extends ConcurrencyContract {
    private static final Postgres POSTGRES = new Postgres();
    private static ReusedSchema database;

    @BeforeAll
    static void requirePostgres() {
        Postgres.require();
        database = ReusedSchema.postgres(POSTGRES);
    }

    @AfterAll
    static void dropSchemas() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            POSTGRES.dropAll();
        }
    }

    @Override
    protected Storage newStorage() {
        return database.newStorage();
    }

    @Override
    protected Storage secondNode(Storage first) {
        return database.secondNode();
    }
}
