package org.copkit.benchmarks;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.copkit.knowledge.ImportOptions;
import org.copkit.knowledge.ItemDraft;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk import of {@code items} PUBLISHED knowledge items: through CoPKit
 * ({@code knowledge().importItems} in calls of {@code batch} drafts) versus raw JDBC batches of the same
 * rows ({@link RawJdbc#importBatch}), each into a fresh, migrated schema of the same database. One
 * invocation imports everything (single-shot time); schemas are created before and dropped after each
 * invocation, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class BulkImportBenchmark {
    /** {@code h2} (file database) or {@code postgres}. */
    @Param({"h2", "postgres"})
    public String db;

    /** Items per invocation: 10,000 in the short mode, 100,000 in the full mode. */
    @Param("10000")
    public int items;

    /** Drafts per {@code importItems} call and per raw transaction. */
    @Param("1000")
    public int batch;

    private BenchDatabase database;
    private List<List<ItemDraft>> batches;
    private RawJdbc.Sample sample;
    private World world;
    private RawJdbc raw;

    /** Opens the database, prepares the drafts and copies the constant columns for the baseline. */
    @Setup(Level.Trial)
    public void openDatabase() {
        database = BenchDatabase.open(db);
        String scratchSchema;
        try (World scratch = new World(database, "sample")) {
            scratchSchema = scratch.schema;
            sample = RawJdbc.sample(database, scratch);
            List<ItemDraft> all = World.drafts(scratch.community, items);
            batches = new java.util.ArrayList<>();
            for (int from = 0; from < items; from += batch) {
                batches.add(all.subList(from, Math.min(items, from + batch)));
            }
        }
        // after the kit closed: its indexer thread must not poll a dropped schema
        database.dropSchema(scratchSchema);
    }

    /** A fresh schema for each invocation (the community id differs per schema: the drafts are re-aimed). */
    @Setup(Level.Invocation)
    public void freshSchema() {
        world = new World(database, "import");
        batches = batches.stream().map(b -> b.stream().map(d -> new ItemDraft(world.community, d.practice(),
                d.kind(), d.content(), d.audience(), d.provenance())).toList()).toList();
        raw = new RawJdbc(database, world.schema, new RawJdbc.Sample(world.community.value(), sample.owner(),
                sample.content(), sample.audience(), sample.approvals(), sample.provenance(), sample.reviewAfter(),
                sample.visibility().replace(sampleCommunity(), world.community.value()), sample.details()));
    }

    private String sampleCommunity() {
        return sample.community();
    }

    /** Drops the invocation's schema. */
    @TearDown(Level.Invocation)
    public void dropSchema() {
        world.close();
        database.dropSchema(world.schema);
    }

    /** Closes the pool and deletes the H2 files. */
    @TearDown(Level.Trial)
    public void closeDatabase() {
        database.close();
    }

    /** @return the number of items imported through CoPKit */
    @Benchmark
    public int copkit() {
        int n = 0;
        org.copkit.knowledge.KnowledgeService knowledge = world.kit.as(World.ANNA).knowledge();
        for (List<ItemDraft> b : batches) {
            n += knowledge.importItems(b, ImportOptions.published()).size();
        }
        return n;
    }

    /** @return the number of items written with raw JDBC batches */
    @Benchmark
    public int rawJdbc() throws SQLException {
        int n = 0;
        for (List<ItemDraft> b : batches) {
            raw.importBatch(b);
            n += b.size();
        }
        return n;
    }
}
