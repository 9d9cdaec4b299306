package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.HealthContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The health contract on PostgreSQL, in a random schema dropped after the class (see {@link ReusedSchema}). */
class PostgresHealthTest extends HealthContract {
    @RegisterExtension
    static final PostgresSchema DATABASE = new PostgresSchema();

    @Override
    protected Storage newStorage() {
        return DATABASE.newStorage();
    }
}
