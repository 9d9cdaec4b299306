package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ReusedSchema} on PostgreSQL for a test class: register it as a static field with
 * {@code @RegisterExtension}. Before the class it requires PostgreSQL (fails in CI when it is missing,
 * skips with a message elsewhere: {@link Postgres#require()}) and creates the random schema; after the
 * class it closes it and drops every schema it created.
 */
final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {
    private final Postgres postgres = new Postgres();
    private ReusedSchema database;

    @Override
    public void beforeAll(ExtensionContext context) {
        Postgres.require();
        database = ReusedSchema.postgres(postgres);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            postgres.dropAll();
        }
    }

    /** @return a fresh, empty storage on the class's schema */
    Storage newStorage() {
        return database.newStorage();
    }

    /** @return the class's schema */
    ReusedSchema database() {
        return database;
    }
}
