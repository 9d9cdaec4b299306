package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.copkit.CopKit;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.lucene.LuceneSearchIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the code of docs/operations.md (where the PostgreSQL server runs). */
class OperationsSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void oneNodeOfSeveral_andItsIndexLag() {
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/test";
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            c.isValid(1);
        } catch (SQLException e) {
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL not reachable: " + e.getMessage());
        }
        String user = "postgres";
        String password = "";
        String schema = "docs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path indexDirectory = dir.resolve("index");
        // SNIPPET docs/operations.md
        JdbcStorage storage = JdbcStorage.builder()
                .postgres(jdbcUrl, user, password)   // the same database and schema on every node
                .schema(schema)
                .build();
        LuceneSearchIndex index = LuceneSearchIndex.open(indexDirectory);   // a directory of this node's own
        CopKit kit = CopKit.builder().storage(storage).search(index).build();
        // END SNIPPET
        try {
            // SNIPPET docs/operations.md
            long behind = storage.changes().head() - index.checkpoint();   // changes this node has not indexed yet
            // END SNIPPET
            assertThat(behind).isZero();
        } finally {
            kit.close();
            try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
    }
}
