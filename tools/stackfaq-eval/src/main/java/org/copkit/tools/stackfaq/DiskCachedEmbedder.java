package org.copkit.tools.stackfaq;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.copkit.spi.Embedder;

/**
 * The evaluation tool's on-disk cache of document vectors (opt-in, {@code --embedding-cache DIR}), so that
 * repeated runs at 20,000 to 100,000 distractors do not embed the same texts again. It wraps the embedder
 * the tool hands to CoPKit for indexing; CoPKit itself, its indexing path and the query embeddings are
 * unchanged (the tool never passes the query embeddings through it, so query latencies stay real).
 *
 * <p>Layout: one folder per model, {@code DIR/<model id>-<dimension>/}, holding append-only files
 * {@code *.vec} of records {@code SHA-256(language tag, NUL, text)} (32 bytes) followed by the vector
 * ({@code dimension} little-endian floats). Each process appends to a file of its own (named by process id
 * and start time), so runs may share the folder at the same time; a run sees the records that were complete
 * in every file when it opened the cache. A record cut short (a run that was killed) is ignored. A changed
 * model must get a new model id ({@link Embedder#modelId()} promises that), which gives it a new folder.
 *
 * <p>Thread-safe.
 */
final class DiskCachedEmbedder implements Embedder, Closeable {
    private static final int KEY_BYTES = 32;

    private final Embedder delegate;
    private final Path folder;
    private final int recordBytes;
    private final List<FileChannel> files = new ArrayList<>();
    /** key to (file index << 40 | offset of the vector) */
    private final Map<ByteBuffer, Long> index = new HashMap<>();
    private final FileChannel own;
    private final int ownIndex;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private DiskCachedEmbedder(Embedder delegate, Path folder) throws IOException {
        this.delegate = delegate;
        this.folder = folder;
        this.recordBytes = KEY_BYTES + 4 * delegate.dimension();
        Files.createDirectories(folder);
        List<Path> existing;
        try (Stream<Path> s = Files.list(folder)) {
            existing = s.filter(p -> p.getFileName().toString().endsWith(".vec")).sorted().toList();
        }
        for (Path p : existing) {
            FileChannel c = FileChannel.open(p, StandardOpenOption.READ);
            int fileIndex = files.size();
            files.add(c);
            long complete = c.size() / recordBytes * recordBytes;
            ByteBuffer key = ByteBuffer.allocate(KEY_BYTES);
            for (long at = 0; at < complete; at += recordBytes) {
                key.clear();
                readFully(c, key, at);
                index.putIfAbsent(ByteBuffer.wrap(key.array().clone()), location(fileIndex, at + KEY_BYTES));
            }
        }
        Path mine = folder.resolve(String.format(Locale.ROOT, "%d-%d.vec", System.currentTimeMillis(),
                ProcessHandle.current().pid()));
        own = FileChannel.open(mine, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ownIndex = files.size();
        files.add(own);
    }

    /**
     * @param root the cache folder (created when missing)
     * @param delegate the embedder whose vectors are cached
     * @return the caching embedder, with every complete record already on disk
     * @throws UncheckedIOException when the folder cannot be read or written
     */
    static DiskCachedEmbedder open(Path root, Embedder delegate) {
        String model = delegate.modelId().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + delegate.dimension();
        try {
            return new DiskCachedEmbedder(delegate, root.resolve(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedding cache " + root, e);
        }
    }

    private static long location(int file, long offset) {
        return ((long) file << 40) | offset;
    }

    private static void readFully(FileChannel c, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int n = c.read(b, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + c);
            }
            pos += n;
        }
        b.flip();
    }

    static ByteBuffer key(String text, Locale language) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(language.toLanguageTag().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts, Locale language) {
        List<ByteBuffer> keys = texts.stream().map(t -> key(t, language)).toList();
        float[][] out = new float[texts.size()][];
        List<Integer> missing = new ArrayList<>();
        try {
            for (int i = 0; i < texts.size(); i++) {
                Long at;
                synchronized (index) {
                    at = index.get(keys.get(i));
                }
                if (at == null) {
                    missing.add(i);
                } else {
                    out[i] = read(at);
                }
            }
            hits.addAndGet(texts.size() - missing.size());
            misses.addAndGet(missing.size());
            if (!missing.isEmpty()) {
                List<float[]> vs = delegate.embed(missing.stream().map(texts::get).toList(), language);
                ByteBuffer records = ByteBuffer.allocate(recordBytes * missing.size()).order(ByteOrder.LITTLE_ENDIAN);
                for (int j = 0; j < missing.size(); j++) {
                    float[] v = vs.get(j);
                    if (v.length != dimension()) {
                        // let the caller see the wrong length, as without the cache; do not store it
                        out[missing.get(j)] = v;
                        continue;
                    }
                    out[missing.get(j)] = v;
                    records.put(keys.get(missing.get(j)).duplicate());
                    for (float f : v) {
                        records.putFloat(f);
                    }
                }
                records.flip();
                synchronized (index) {
                    long start = own.size();
                    while (records.hasRemaining()) {
                        own.write(records, start + records.position());
                    }
                    for (int j = 0, stored = 0; j < missing.size(); j++) {
                        if (vs.get(j).length == dimension()) {
                            index.putIfAbsent(keys.get(missing.get(j)),
                                    location(ownIndex, start + (long) stored * recordBytes + KEY_BYTES));
                            stored++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedding cache " + folder, e);
        }
        return List.of(out);
    }

    private float[] read(long location) throws IOException {
        FileChannel c = files.get((int) (location >>> 40));
        ByteBuffer b = ByteBuffer.allocate(4 * dimension());
        readFully(c, b, location & ((1L << 40) - 1));
        float[] v = new float[dimension()];
        b.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    /** @return vectors read from the cache so far */
    long hits() {
        return hits.get();
    }

    /** @return vectors the model embedded (and the cache stored) so far */
    long misses() {
        return misses.get();
    }

    /** @return how many vectors the cache held when it was opened plus those stored since */
    int size() {
        synchronized (index) {
            return index.size();
        }
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() throws IOException {
        for (FileChannel c : files) {
            c.close();
        }
    }
}
