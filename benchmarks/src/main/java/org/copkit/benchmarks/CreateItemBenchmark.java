package org.copkit.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
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
 * Creating one knowledge item, one transaction each: {@code anna.knowledge().create(draft)} ({@code anna =
 * kit.as(annaId)} taken once, as a host keeps it for a request)
 * (item row, revision, activity, change feed, plus what the service does around it: loading the actor,
 * access rules, validation, notifications fan-out, index catch-up) versus the same five writes in raw
 * JDBC ({@link RawJdbc#createOne}). Average time per item.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class CreateItemBenchmark {
    /** {@code h2} (file database) or {@code postgres}. */
    @Param({"h2", "postgres"})
    public String db;

    private BenchDatabase database;
    private World copkitWorld;
    private World rawWorld;
    private RawJdbc raw;
    private ItemDraft draft;
    private ItemContent content;
    private org.copkit.CopKit.As anna;

    /** Two schemas set up alike: one CoPKit writes to, one the baseline writes to. */
    @Setup(Level.Trial)
    public void openDatabase() {
        database = BenchDatabase.open(db);
        copkitWorld = new World(database, "create_copkit");
        rawWorld = new World(database, "create_raw");
        raw = new RawJdbc(database, rawWorld.schema, RawJdbc.sample(database, rawWorld));
        content = World.content(1);
        draft = ItemDraft.of(copkitWorld.community, ItemKind.ARTICLE, content);
        anna = copkitWorld.kit.as(World.ANNA);
    }

    /** Drops both schemas and closes the pool. */
    @TearDown(Level.Trial)
    public void closeDatabase() {
        for (World w : new World[] {copkitWorld, rawWorld}) {
            w.close();
            database.dropSchema(w.schema);
        }
        database.close();
    }

    /** @return the created item */
    @Benchmark
    public KnowledgeItem copkit() {
        return anna.knowledge().create(draft);
    }

    /** Writes the same rows with plain JDBC. */
    @Benchmark
    public void rawJdbc() throws SQLException {
        raw.createOne(content);
    }
}
