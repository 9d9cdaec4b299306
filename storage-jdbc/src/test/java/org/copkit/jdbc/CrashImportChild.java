package org.copkit.jdbc;

import java.nio.file.Path;
import org.copkit.knowledge.KnowledgeItem;

/**
 * Child process of {@link CrashTest}: imports knowledge items into an H2 file database, one
 * transaction per item (row, revision, activity-free), and prints each id after its commit returned.
 */
public final class CrashImportChild {
    private CrashImportChild() {}

    /** @param args the database directory */
    public static void main(String[] args) {
        JdbcStorage storage = JdbcStorage.h2(Path.of(args[0]));
        TestData.world(storage);
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; i < 1_000_000; i++) {
            KnowledgeItem item = TestData.item(String.format("imp-%07d", i), "Imported " + i);
            storage.write(tx -> {
                tx.items().insert(item);
                tx.revisions().insert(TestData.revision(item));
                return null;
            });
            System.out.println(item.id().value());
            System.out.flush();
        }
    }
}
