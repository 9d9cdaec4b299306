package org.copkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.copkit.CopKit;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;

/**
 * {@link CreateItemBenchmark}'s two sides interleaved in one JVM: blocks of creates, CoPKit then raw JDBC,
 * then raw then CoPKit (ABBA), so that a load that changes over seconds (another process's benchmark on the
 * same two cores) hits both sides alike, which a JMH run, one side after the other, cannot promise. Prints
 * the median wall time and thread CPU time per create of each side and the median of the per-block
 * ratios. A diagnostic beside the JMH benchmark, not a replacement:
 *
 * <pre>
 * java -cp benchmarks.jar org.copkit.benchmarks.InterleavedCreate h2 10 40 100
 * </pre>
 *
 * <p>Arguments: {@code h2} or {@code postgres}, warm-up seconds, blocks, creates per side and block.
 */
public final class InterleavedCreate {
    public static void main(String[] args) throws Exception {
        String db = args[0];
        int warmupSeconds = Integer.parseInt(args[1]), blocks = Integer.parseInt(args[2]), n = Integer.parseInt(args[3]);
        BenchDatabase database = BenchDatabase.open(db);
        World cw = new World(database, "ilv_copkit");
        World rw = new World(database, "ilv_raw");
        RawJdbc raw = new RawJdbc(database, rw.schema, RawJdbc.sample(database, rw));
        ItemContent content = World.content(1);
        ItemDraft draft = ItemDraft.of(cw.community, ItemKind.ARTICLE, content);
        CopKit.As anna = cw.kit.as(World.ANNA);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 50; i++) {
                anna.knowledge().create(draft);
            }
            for (int i = 0; i < 50; i++) {
                raw.createOne(content);
            }
        }
        double[] wc = new double[blocks], wr = new double[blocks], cc = new double[blocks], cr = new double[blocks],
                ratio = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < 2; k++) {
                boolean copkit = (b % 2 == 0) == (k == 0);
                long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (copkit) {
                        anna.knowledge().create(draft);
                    } else {
                        raw.createOne(content);
                    }
                }
                double wall = (System.nanoTime() - t0) / 1000.0 / n, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1000.0 / n;
                if (copkit) {
                    wc[b] = wall;
                    cc[b] = cpu;
                } else {
                    wr[b] = wall;
                    cr[b] = cpu;
                }
            }
            ratio[b] = wc[b] / wr[b];
        }
        System.out.printf("%s: %d blocks of %d creates per side, ABBA%n", db, blocks, n);
        System.out.printf("  wall us/op  copkit median %.0f  raw median %.0f  | per-block ratio median %.2f  (quartiles %.2f-%.2f)%n",
                median(wc), median(wr), median(ratio), q(ratio, 0.25), q(ratio, 0.75));
        System.out.printf("  thread CPU us/op  copkit median %.0f  raw median %.0f  ratio %.2f%n", median(cc), median(cr),
                median(cc) / median(cr));
        for (World w : new World[] {cw, rw}) {
            w.close();
            database.dropSchema(w.schema);
        }
        database.close();
        System.exit(0);
    }

    static double median(double[] v) {
        return q(v, 0.5);
    }

    static double q(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
    }
}
