package org.copkit.jdbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * A disk that can fill up: H2's file system under the scheme {@code fulldisk:}, the local disk underneath,
 * whose writes (and {@code force}, {@code truncate}) fail with "No space left on device" while
 * {@link #full} is set, as the operating system's would. H2 file databases opened with
 * {@link #url(Path)} live on it. Public only because H2 creates the paths of a scheme by reflection.
 */
public final class FullDisk extends FilePathWrapper {
    /** While true every write to the disk fails. */
    static volatile boolean full;

    private static boolean registered;

    /** For H2, which makes one instance per path. */
    public FullDisk() {}

    /** @return a JDBC URL of an H2 file database in {@code directory} on this disk, with the storage's settings */
    static synchronized String url(Path directory) {
        if (!registered) {
            FilePath.register(new FullDisk());
            registered = true;
        }
        return "jdbc:h2:fulldisk:" + directory.toAbsolutePath().resolve("copkit") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    @Override
    public String getScheme() {
        return "fulldisk";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static void checkSpace() throws IOException {
        if (full) {
            throw new IOException("No space left on device");
        }
    }

    /** The disk's file: reads pass through, writes fail while the disk is full. */
    private static final class Channel extends FileBase {
        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            checkSpace();
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkSpace();
            return base.write(src, position);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            checkSpace();
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            checkSpace();
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }
    }
}
