package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.spi.Storage;
import org.copkit.testkit.ConcurrencyContract;
import org.junit.jupiter.api.Test;

/**
 * Compiles the concurrency-kit example of docs/spi.md. It is not run here (a nested class, which Surefire
 * leaves out): storage-jdbc's {@code PostgresConcurrencyTest} runs the same kit on PostgreSQL.
 */
class ConcurrencySnippetTest {
    private final String url = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String user = "postgres";
    private final String password = "";

    // SNIPPET docs/spi.md
    class PostgresConcurrencyTest extends ConcurrencyContract {
        private String schema;

        @Override
        protected Storage newStorage() {
            schema = "concurrency_" + UUID.randomUUID().toString().replace("-", "");   // a fresh schema per test
            return JdbcStorage.builder().postgres(url, user, password).schema(schema).build();
        }

        @Override
        protected Storage secondNode(Storage first) {
            return JdbcStorage.builder().postgres(url, user, password).schema(schema).build();   // a second node
        }
    }
    // END SNIPPET

    @Test
    void theExampleIsTheConcurrencyKit() {
        assertThat(ConcurrencyContract.class).isAssignableFrom(PostgresConcurrencyTest.class);
    }
}
