package org.copkit.it;

import java.util.ArrayList;
import java.util.List;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;
import org.copkit.testkit.ExpertFinderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The expert finder contract on the production pair: PostgreSQL storage (a fresh schema per test, dropped
 * after the class) and the Lucene index.
 */
class PostgresLuceneExpertFinderTest extends ExpertFinderContract {
    private static final List<String> SCHEMAS = new ArrayList<>();

    @BeforeAll
    static void requirePostgres() {
        TestPostgres.require();
    }

    @AfterAll
    static void dropSchemas() {
        SCHEMAS.forEach(TestPostgres::drop);
    }

    @Override
    protected Storage newStorage() {
        String schema = TestPostgres.newSchema();
        SCHEMAS.add(schema);
        return JdbcStorage.builder().postgres(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD)
                .schema(schema).build();
    }

    @Override
    protected SearchIndex newSearchIndex() {
        return LuceneSearchIndex.inMemory();
    }
}
