package org.copkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link MemSortedSet} against a {@link TreeSet} of the same entries, through random adds, removes and ranges. */
class MemSortedSetTest {
    /** Entries {@code [group, n, key]}; bounds {@code [group, LOW|HIGH]} or {@code [group, n, LOW|HIGH]}. */
    private static final MemIndex<Integer, Object> INDEX = new MemIndex<>("test", 1, v -> List.<Object[]>of(),
            Comparator.<Integer>naturalOrder());

    private static Object[] entry(int group, int n) {
        return new Object[] {group, n, n};
    }

    @Test
    void matchesATreeSet_throughRandomAddsRemovesAndRanges() {
        Random random = new Random(7);
        for (boolean ascendingInserts : new boolean[] {true, false}) {
            MemSortedSet set = new MemSortedSet(INDEX.order);
            NavigableSet<Object[]> expected = new TreeSet<>(INDEX.order);
            int next = 0;
            for (int step = 0; step < 5_000; step++) {
                int op = random.nextInt(10);
                if (op < 6) {
                    Object[] e = ascendingInserts ? entry(next % 3, next++) : entry(random.nextInt(3), random.nextInt(3_000));
                    assertThat(set.add(e)).isEqualTo(expected.add(e));
                } else if (op < 8) {
                    Object[] e = entry(random.nextInt(3), random.nextInt(Math.max(1, ascendingInserts ? next : 3_000)));
                    assertThat(set.remove(e)).isEqualTo(expected.remove(e));
                } else {
                    checkRange(set, expected, random);
                }
                assertThat(set.size()).isEqualTo(expected.size());
            }
            for (int g = 0; g < 3; g++) {
                assertThat(list(set.range(new Object[] {g, MemIndex.LOW}, new Object[] {g, MemIndex.HIGH}, false)))
                        .containsExactlyElementsOf(expected.subSet(new Object[] {g, MemIndex.LOW}, false,
                                new Object[] {g, MemIndex.HIGH}, false));
            }
        }
    }

    @Test
    void emptiedChunksGo_andTheSetFillsAgain() {
        MemSortedSet set = new MemSortedSet(INDEX.order);
        for (int i = 0; i < 3 * MemSortedSet.CHUNK; i++) {
            assertThat(set.add(entry(0, i))).isTrue();
        }
        for (int i = 0; i < 3 * MemSortedSet.CHUNK; i++) {
            assertThat(set.remove(entry(0, i))).isTrue();
        }
        assertThat(set.size()).isZero();
        assertThat(set.range(new Object[] {0, MemIndex.LOW}, new Object[] {0, MemIndex.HIGH}, false)).isExhausted();
        for (int i = 3 * MemSortedSet.CHUNK; i > 0; i--) {
            assertThat(set.add(entry(0, i))).isTrue();
        }
        assertThat(list(set.range(new Object[] {0, MemIndex.LOW}, new Object[] {0, MemIndex.HIGH}, true)))
                .hasSize(3 * MemSortedSet.CHUNK).first().isEqualTo(entry(0, 3 * MemSortedSet.CHUNK));
    }

    private static void checkRange(MemSortedSet set, NavigableSet<Object[]> expected, Random random) {
        int g = random.nextInt(3);
        Object[] from = random.nextBoolean() ? new Object[] {g, MemIndex.LOW}
                : new Object[] {g, random.nextInt(3_000), MemIndex.HIGH};
        Object[] to = random.nextBoolean() ? new Object[] {g, MemIndex.HIGH}
                : new Object[] {g, random.nextInt(3_000), MemIndex.LOW};
        if (INDEX.order.compare(from, to) > 0) {
            return;
        }
        NavigableSet<Object[]> sub = expected.subSet(from, false, to, false);
        assertThat(list(set.range(from, to, false))).containsExactlyElementsOf(sub);
        assertThat(list(set.range(from, to, true))).containsExactlyElementsOf(sub.descendingSet());
    }

    private static List<Object[]> list(Iterator<Object[]> it) {
        List<Object[]> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
