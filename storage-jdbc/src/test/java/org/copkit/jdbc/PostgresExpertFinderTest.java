package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.ExpertFinderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The expert finder contract on PostgreSQL, in a schema of its own (see {@link ReusedSchema}), in-memory search. */
class PostgresExpertFinderTest extends ExpertFinderContract {
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
}
