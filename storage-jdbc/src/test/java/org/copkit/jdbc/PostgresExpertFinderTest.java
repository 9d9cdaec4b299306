package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.ExpertFinderContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The expert finder contract on PostgreSQL, in a schema of its own (see {@link ReusedSchema}), in-memory search. */
class PostgresExpertFinderTest extends ExpertFinderContract {
    @RegisterExtension
    static final PostgresSchema DATABASE = new PostgresSchema();

    @Override
    protected Storage newStorage() {
        return DATABASE.newStorage();
    }
}
