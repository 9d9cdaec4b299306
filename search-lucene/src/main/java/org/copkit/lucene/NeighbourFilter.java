package org.copkit.lucene;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;

/**
 * A proof, in a few dozen hash probes, that no surface word ({@link Docs#WORDS}) of the covered segments is
 * within reach of a typo: a Bloom filter of the words' <em>deletion keys</em> (the symmetric-delete idea of
 * SymSpell). Two words are at most {@code k} edits apart (insertions, deletions, substitutions and swaps of
 * neighbours, the distance of Lucene's Levenshtein automaton) only if deleting at most {@code k} letters
 * from each makes them equal: a substitution or a swap deletes one letter on both sides, an insertion one on
 * one side. So if none of the typo's deletion keys is in the filter, no word of the covered segments is
 * within {@code k} edits of it, and the automaton need not run on them. A key in the filter proves nothing
 * (another word's key, or a false positive of the filter): the automaton runs, and the answer is the
 * automaton's. The filter never changes an answer, it only skips work.
 *
 * <p>Keys, as {@link Typos} looks: one edit with the first letter fixed (the word and the word without one
 * letter after the first, for words of 3 letters and more), and two edits with the first two letters fixed
 * (the word without up to two letters after the second, for words of 6 letters and more). Words longer than
 * {@value #MAX_LENGTH} + 2 letters are left out, so a typo longer than {@value #MAX_LENGTH} letters is not
 * answered by the filter. The same keys serve as a proof that a word is in no covered segment at all (its
 * key without deletions).
 *
 * <p>One filter covers a set of segments (by core): it is built from a whole reader's merged vocabulary,
 * then segments that appear later (flushed or merged) are added to it. Words of segments that are gone stay
 * in it (they only make it answer "maybe" more often); when the words added after the build outnumber half
 * of those it was sized for, it is built again. Sized at {@value #BITS_PER_KEY} bits per key, at most
 * {@value #MAX_BYTES} bytes (above that, more false positives).
 *
 * <p>Thread-safety: any thread may call {@link #covers}, {@link #mightBeWithin} and {@link #mightContain};
 * {@link #add} only one thread at a time. A segment is marked covered after all its keys are in, so a reader
 * that sees it covered sees its keys.
 */
final class NeighbourFilter {
    /** Longest typo, in code points, the filter answers for. */
    static final int MAX_LENGTH = 32;
    /** Filter bits per key. */
    static final int BITS_PER_KEY = 16;
    /** Most bytes a filter takes. */
    static final long MAX_BYTES = 64L << 20;
    /** Shortest word with one-edit keys (a typo of 4 letters or more may be one edit from it). */
    static final int MIN_ONE = 3;
    /** Shortest word with two-edit keys (a typo of 8 letters or more may be two edits from it). */
    static final int MIN_TWO = 6;
    /** Shortest typo whose two-edit search the filter answers. */
    static final int MIN_TWO_TYPO = MIN_TWO + 2;
    /** Bits set per key, all in one block of 512 bits (one cache line). */
    private static final int K = 7;
    private static final long B = 0x9E3779B97F4A7C15L;

    private final long[] bits;
    private final long blocks;
    private final long sizedFor;
    private long added;
    private final Set<Object> covered = ConcurrentHashMap.newKeySet();

    private NeighbourFilter(long keys) {
        long wanted = Math.max(1, keys * BITS_PER_KEY / 512 + 1);
        blocks = Math.min(wanted, MAX_BYTES / 64);
        bits = new long[Math.toIntExact(blocks * 8)];
        sizedFor = keys;
    }

    /**
     * Builds a filter over the merged vocabulary of a reader (each word once, however many segments have
     * it) and marks the reader's segments covered.
     *
     * @param reader an open reader
     * @return the filter
     */
    static NeighbourFilter build(IndexReader reader) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, Docs.WORDS);
        long keys = 0;
        int[] cps = new int[4 * (MAX_LENGTH + 2)];
        if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef b = te.next(); b != null; b = te.next()) {
                keys += keys(codePoints(b, cps));
            }
        }
        NeighbourFilter f = new NeighbourFilter(keys);
        Hashes h = new Hashes();
        if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef b = te.next(); b != null; b = te.next()) {
                int n = codePoints(b, cps);
                if (n > 0) {
                    f.addWord(h, cps, n);
                }
            }
        }
        f.added = 0;
        for (var leaf : reader.leaves()) {
            f.markCovered(leaf.reader());
        }
        return f;
    }

    /**
     * Adds the words of one segment and marks it covered. One thread at a time.
     *
     * @return whether the filter is now so full that it should be built again
     */
    boolean add(LeafReader segment) throws IOException {
        Terms terms = segment.terms(Docs.WORDS);
        if (terms != null) {
            int[] cps = new int[4 * (MAX_LENGTH + 2)];
            Hashes h = new Hashes();
            TermsEnum te = terms.iterator();
            for (BytesRef b = te.next(); b != null; b = te.next()) {
                int n = codePoints(b, cps);
                if (n > 0) {
                    addWord(h, cps, n);
                }
            }
        }
        markCovered(segment);
        return added > sizedFor / 2;
    }

    private void markCovered(LeafReader segment) {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        if (helper != null && covered.add(helper.getKey())) {
            helper.addClosedListener(covered::remove);
        }
    }

    /** @return whether the segment's words are all in the filter */
    boolean covers(LeafReader segment) {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        return helper != null && covered.contains(helper.getKey());
    }

    /**
     * @param leaves the segments of a top-level reader
     * @return per segment (by {@link LeafReaderContext#ord}), whether the filter covers it; a segment
     *     covered here has its words in the filter for every later question
     */
    boolean[] covers(List<LeafReaderContext> leaves) {
        boolean[] out = new boolean[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            out[leaf.ord] = covers(leaf.reader());
        }
        return out;
    }

    /** @return the bytes the filter's bits take */
    long bytes() {
        return bits.length * 8L;
    }

    /**
     * @param word a word
     * @return false when no covered segment has the word (a proof); true when one may have it, or when the
     *     filter cannot tell (the word is shorter than {@value #MIN_ONE} or longer than {@value #MAX_LENGTH}
     *     + 1 letters)
     */
    boolean mightContain(String word) {
        int[] cps = word.codePoints().toArray();
        int n = cps.length;
        if (n < MIN_ONE || n > MAX_LENGTH + 1) {
            return true;
        }
        Hashes h = new Hashes().of(cps, n);
        return probe(key(1, h.all(), n));
    }

    /**
     * @param typo a word
     * @param edits 1 (first letter fixed) or 2 (first two letters fixed), as {@link Typos} enumerates
     * @return false when no word of a covered segment is within that many edits of the typo (a proof; the
     *     typo itself counts as within); true when one may be, or when the filter cannot tell (a typo shorter
     *     than 4 letters for one edit or 8 for two, or longer than {@value #MAX_LENGTH})
     */
    boolean mightBeWithin(String typo, int edits) {
        int[] cps = typo.codePoints().toArray();
        int n = cps.length;
        if (n > MAX_LENGTH || n < (edits == 1 ? MIN_ONE + 1 : MIN_TWO_TYPO) || edits < 1 || edits > 2) {
            return true;
        }
        Hashes h = new Hashes().of(cps, n);
        if (probe(key(edits, h.all(), n))) {
            return true;
        }
        for (int i = edits; i < n; i++) {
            if (probe(key(edits, h.without(i), n - 1))) {
                return true;
            }
            if (edits == 2) {
                for (int j = i + 1; j < n; j++) {
                    if (probe(key(edits, h.without(i, j), n - 2))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** @return the number of keys of a word of n code points (0 for n = 0) */
    private static long keys(int n) {
        long k = 0;
        if (n >= MIN_ONE && n <= MAX_LENGTH + 1) {
            k += n; // itself and without one of letters 2..n
        }
        if (n >= MIN_TWO && n <= MAX_LENGTH + 2) {
            long m = n - 2;
            k += 1 + m + m * (m - 1) / 2;
        }
        return k;
    }

    private void addWord(Hashes h, int[] cps, int n) {
        h.of(cps, n);
        if (n >= MIN_ONE && n <= MAX_LENGTH + 1) {
            set(key(1, h.all(), n));
            for (int i = 1; i < n; i++) {
                set(key(1, h.without(i), n - 1));
            }
        }
        if (n >= MIN_TWO && n <= MAX_LENGTH + 2) {
            set(key(2, h.all(), n));
            for (int i = 2; i < n; i++) {
                set(key(2, h.without(i), n - 1));
                for (int j = i + 1; j < n; j++) {
                    set(key(2, h.without(i, j), n - 2));
                }
            }
        }
    }

    /**
     * @param cps room for 4 code points per byte of the longest term with keys
     * @return the code points of a UTF-8 term in cps, and their number; 0 when longer than any key needs
     */
    private static int codePoints(BytesRef b, int[] cps) {
        if (b.length > cps.length) {
            return 0;
        }
        int n = UnicodeUtil.UTF8toUTF32(b, cps);
        return n > MAX_LENGTH + 2 ? 0 : n;
    }

    private static long key(int mode, long hash, int length) {
        return mix(hash + mode * 0xC2B2AE3D27D4EB4FL + length * 0x165667B19E3779F9L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private void set(long key) {
        int base = (int) (Math.multiplyHigh(key & Long.MAX_VALUE, blocks << 1) * 8);
        long h = key * B;
        boolean changed = false;
        for (int k = 0; k < K; k++) {
            int bit = (int) (h >>> (64 - 9));
            h <<= 9;
            long mask = 1L << bit;
            int w = base + (bit >>> 6);
            if ((bits[w] & mask) == 0) {
                bits[w] |= mask;
                changed = true;
            }
        }
        if (changed) {
            added++;
        }
    }

    private boolean probe(long key) {
        int base = (int) (Math.multiplyHigh(key & Long.MAX_VALUE, blocks << 1) * 8);
        long h = key * B;
        for (int k = 0; k < K; k++) {
            int bit = (int) (h >>> (64 - 9));
            h <<= 9;
            if ((bits[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Polynomial hashes of a code point sequence with letters left out, each in constant time. */
    static final class Hashes {
        private long[] pre = new long[MAX_LENGTH + 4];
        private long[] pow = new long[MAX_LENGTH + 4];
        private int n;

        Hashes() {
            pow[0] = 1;
            for (int i = 1; i < pow.length; i++) {
                pow[i] = pow[i - 1] * B;
            }
        }

        Hashes of(int[] cps, int length) {
            n = length;
            for (int i = 0; i < length; i++) {
                pre[i + 1] = pre[i] * B + cps[i] + 1;
            }
            return this;
        }

        /** @return the hash of letters [l, r) */
        private long seg(int l, int r) {
            return pre[r] - pre[l] * pow[r - l];
        }

        long all() {
            return pre[n];
        }

        long without(int i) {
            return seg(0, i) * pow[n - i - 1] + seg(i + 1, n);
        }

        long without(int i, int j) {
            return (seg(0, i) * pow[j - i - 1] + seg(i + 1, j)) * pow[n - j - 1] + seg(j + 1, n);
        }
    }
}
