package dev.bundleanalyzer.cluster;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local disk as a Hadoop file system of scheme {@code flaky:} that fails when told to: opening a file whose
 * path contains a given text (a bundle that cannot be read), or closing a new file whose path contains a given
 * text (an executor lost after it wrote its rows, before its task committed). Each fault has a number of times to
 * fail; each failure is counted, so that a test knows the fault did happen.
 */
public final class FlakyFileSystem extends RawLocalFileSystem {

    private static final Map<String, AtomicInteger> OPEN_FAULTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CLOSE_FAULTS = new ConcurrentHashMap<>();
    static final AtomicInteger FAILED = new AtomicInteger();

    static void reset() {
        OPEN_FAULTS.clear();
        CLOSE_FAULTS.clear();
        FAILED.set(0);
    }

    /** Opening a file whose path contains {@code text} fails the next {@code times} times. */
    static void failOpen(String text, int times) {
        OPEN_FAULTS.put(text, new AtomicInteger(times));
    }

    /** Closing a new file whose path contains {@code text} fails the next {@code times} times. */
    static void failClose(String text, int times) {
        CLOSE_FAULTS.put(text, new AtomicInteger(times));
    }

    @Override
    public URI getUri() {
        return URI.create("flaky:///");
    }

    @Override
    public String getScheme() {
        return "flaky";
    }

    // the local file system's statuses read permissions through java.io.File, which takes file: URIs only
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return plain(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FileStatus[] all = super.listStatus(f);
        for (int i = 0; i < all.length; i++) {
            all[i] = plain(all[i]);
        }
        return all;
    }

    private static FileStatus plain(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), 1, s.getBlockSize(), s.getModificationTime(),
                s.getPath());
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        if (due(OPEN_FAULTS, f)) {
            throw new IOException("injected: " + f + " cannot be read now");
        }
        return super.open(f, bufferSize);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        FSDataOutputStream out = super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        return wrap(f, out);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return wrap(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    private FSDataOutputStream wrap(Path f, FSDataOutputStream out) throws IOException {
        OutputStream failing = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.close();
                if (due(CLOSE_FAULTS, f)) {
                    throw new IOException("injected: the executor writing " + f + " was lost");
                }
            }
        };
        return new FSDataOutputStream(failing, null);
    }

    private static boolean due(Map<String, AtomicInteger> faults, Path f) {
        String path = f.toString();
        for (Map.Entry<String, AtomicInteger> e : faults.entrySet()) {
            if (path.contains(e.getKey()) && e.getValue().getAndDecrement() > 0) {
                FAILED.incrementAndGet();
                return true;
            }
        }
        return false;
    }
}
