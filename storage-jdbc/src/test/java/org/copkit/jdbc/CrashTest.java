package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.spi.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CrashTest {
    @TempDir
    Path directory;

    @Test
    @Timeout(600)
    void killedBulkImport_keepsEveryCommittedItem_andNoHalfWrittenOne() throws Exception {
        Path db = directory.resolve("db");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                CrashImportChild.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("imp-")) {
                        committed.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the stream closes when the child is killed
            }
        });
        reader.start();
        // waits for the condition (300 commits reported); the deadline is only for a child that hangs
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(480);
        while (committed.size() < 300 && child.isAlive() && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(committed).as("ids the child reported committed before it was killed").hasSizeGreaterThanOrEqualTo(300);
        assertThat(new File(db.toFile(), "copkit.mv.db")).exists();

        try (JdbcStorage reopened = JdbcStorage.h2(db)) {
            List<KnowledgeItem> stored = reopened.read(tx -> {
                List<KnowledgeItem> all = new ArrayList<>();
                org.copkit.PageRequest page = org.copkit.PageRequest.first(500);
                while (true) {
                    org.copkit.Page<KnowledgeItem> p = tx.items().list(page);
                    all.addAll(p.items());
                    if (p.next().isEmpty()) {
                        return all;
                    }
                    page = page.after(p.next().get());
                }
            });
            Set<String> storedIds = new HashSet<>();
            stored.forEach(i -> storedIds.add(i.id().value()));
            assertThat(storedIds).as("every committed item survives").containsAll(committed);
            for (KnowledgeItem item : stored) {
                assertThat(reopened.read((org.copkit.spi.Transaction tx) -> tx.revisions().find(item.id(), 1))).as("revision of %s", item.id())
                        .contains(TestData.revision(item));
                assertThat(item).isEqualTo(TestData.item(item.id().value(), item.title()));
            }
            List<Change> feed = reopened.changes().after(0, 500);
            Set<String> fed = new HashSet<>();
            long after = 0;
            while (!feed.isEmpty()) {
                feed.forEach(c -> fed.add(c.ref().id()));
                after = feed.get(feed.size() - 1).sequence();
                feed = reopened.changes().after(after, 500);
            }
            assertThat(fed).as("every stored item has its change-feed entry").containsAll(storedIds);
            assertThat(reopened.changes().head()).isEqualTo(after);
        }
    }
}
