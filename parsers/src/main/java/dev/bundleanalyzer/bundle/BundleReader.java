package dev.bundleanalyzer.bundle;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.GeneralPurposeBit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a support bundle (zip, tar, tar.gz, 7z or a plain folder) and hands every regular file in it,
 * nested archives included, to an {@link EntryHandler}; returns the inventory of what became of each.
 *
 * <h2>Formats</h2>
 * The format is decided by the first bytes, never by the file name: zip ({@code PK\3\4}, {@code PK\5\6}),
 * gzip ({@code 1F 8B}), 7z ({@code 37 7A BC AF 27 1C}) and tar ({@code ustar} at offset 257, or an old
 * header whose checksum verifies). A gzip member holding a tar is read as a tar ({@code tar.gz}); any other
 * gzip holds a single file, named after the archive without its {@code .gz}. An entry whose first bytes are
 * an archive is opened in place and read recursively; nothing is extracted to disk, except that a nested 7z
 * larger than {@value #IN_MEMORY_7Z_BYTES} bytes is copied to a temporary file (7z needs random access),
 * which is deleted afterwards.
 *
 * <h2>Paths and order</h2>
 * Entries are named by their path in the archive with {@code /} separators, without leading {@code /},
 * {@code ./} or drive letter ({@link EntryNames#display}); the entries of a nested archive are named
 * {@code archive-path!/inner/path}. The list follows the order of the entries in each archive (physical
 * order for zip; sorted by name, depth first, for a folder); a nested archive's own line comes
 * <em>before</em> the lines of its entries. Directories get no line. The bundle itself gets a line (first,
 * named after the bundle's file name) only when something about it as a whole must be reported: an
 * unreadable zip central directory, a truncated archive, a limit that stopped the reading.
 *
 * <h2>Limits</h2>
 * {@link BundleLimits}: entries past {@code maxEntries} are not read and the archive in which that happened
 * gets one line saying so; each entry stream stops at {@code maxEntryBytes}, when the compression ratio
 * goes above {@code maxRatio} after {@code ratioGraceBytes}, and when {@code maxEntryTime} has passed since the
 * entry was opened; {@code maxTotalBytes} bounds the bytes handed to handlers over the whole bundle, and so does
 * {@code maxRatio} against the bundle's own size on disk (a bomb spread over many nested entries, each below
 * the entry limits); {@code maxBundleTime} bounds the time of the whole read (the bytes and time of nested
 * archives themselves are bounded through their entries); archives nested deeper than {@code maxDepth} are
 * skipped. A limit hit inside an entry makes that entry fail and reading goes on with the next one; a limit of
 * the bundle stops every entry being read and the archives say that further entries were not read.
 *
 * <h2>Threads</h2>
 * With a pool, the entries of a zip bundle (read with {@link ZipFile}, which allows concurrent entry
 * streams) and the files of a folder bundle are handled in parallel, at most as many at a time as the pool
 * has threads; the results are collected in entry order, so the inventory is the same as without a pool.
 * A nested archive is read on the thread that handles its entry. Known limit: tar, tar.gz and 7z bundles,
 * and zip files whose central directory is unreadable, are read as a stream and therefore sequentially,
 * on the calling thread.
 * The handler may be called concurrently. A reader is meant to be used for one bundle at a time.
 */
public final class BundleReader {

    /** A nested 7z up to this size is copied into memory; a larger one into a temporary file. */
    static final long IN_MEMORY_7Z_BYTES = 64L << 20;

    /** Largest amount of memory a 7z decoder (dictionary) may ask for. */
    private static final int SEVEN_Z_MEMORY_LIMIT_KIB = 512 * 1024;

    private static final String ENCRYPTED = "encrypted, cannot be read without the password";
    private static final String SYMLINK = "symbolic link, not followed";

    private final BundleLimits limits;
    private final ExecutorService pool;
    private final int window;
    private final Path tempDir;
    private volatile String stoppedBy;

    /**
     * @param limits limits applied while reading
     * @param pool   threads to handle entries on, or {@code null} to handle them on the calling thread
     */
    public BundleReader(BundleLimits limits, ExecutorService pool) {
        this(limits, pool, null);
    }

    /**
     * @param tempDir where a large nested 7z is copied while it is read (deleted right after), or {@code null}
     *                for the system's temporary folder
     */
    public BundleReader(BundleLimits limits, ExecutorService pool, Path tempDir) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.pool = pool;
        this.window = pool == null ? 1 : parallelism(pool);
        this.tempDir = tempDir;
    }

    /**
     * Reads {@code bundle} (an archive file or a folder) and hands each regular file to {@code handler}.
     *
     * @return one line per entry, in archive order (see the class description)
     * @throws BundleException if the path is missing, unreadable, or neither a folder nor an archive
     */
    public List<InventoryItem> read(Path bundle, EntryHandler handler) throws BundleException {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(handler, "handler");
        stoppedBy = null;
        return new Run(handler).read(bundle);
    }

    /**
     * Why the last {@link #read} stopped before the end of the bundle (entry count, total bytes, ratio or time
     * of the bundle), or {@code null} when it read everything its limits let it reach.
     */
    public String stoppedBy() {
        return stoppedBy;
    }

    /** True when the file's first bytes are an archive the reader opens (zip, gzip, tar, 7z), whatever its name. */
    public static boolean isArchive(Path file) {
        byte[] head = new byte[ArchiveFormat.SNIFF_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int length = in.readNBytes(head, 0, head.length);
            return ArchiveFormat.sniff(head, length) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static int parallelism(ExecutorService pool) {
        if (pool instanceof ThreadPoolExecutor executor) {
            int max = executor.getMaximumPoolSize();
            if (max != Integer.MAX_VALUE) {
                return Math.max(1, max);
            }
            if (executor.getCorePoolSize() > 0) {
                return executor.getCorePoolSize();
            }
        } else if (pool instanceof ForkJoinPool forkJoin) {
            return Math.max(1, forkJoin.getParallelism());
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** What was read of one archive: the lines of its entries, how many entries, and what went wrong. */
    private static final class Listing {
        final List<InventoryItem> items = new ArrayList<>();
        int entries;
        String failure;
        String skipped;

        void fail(String reason) {
            if (failure == null) {
                failure = reason;
            }
        }

        InventoryItem line(String path, String kind, long bytes) {
            if (failure != null) {
                return new InventoryItem(path, kind, null, bytes, entries, InventoryItem.Status.FAILED, failure);
            }
            if (skipped != null) {
                return new InventoryItem(path, kind, null, bytes, entries, InventoryItem.Status.SKIPPED, skipped);
            }
            return new InventoryItem(path, kind, null, bytes, entries, InventoryItem.Status.PARSED, null);
        }
    }

    /** The state of reading one bundle. */
    private final class Run {
        private final EntryHandler handler;
        private final LimitedInputStream.Total total = new LimitedInputStream.Total(limits.maxTotalBytes(),
                limits.maxRatio(), limits.ratioGraceBytes(), Deadline.after(limits.maxBundleTime(), "bundle"));
        private final AtomicInteger entries = new AtomicInteger();
        private final AtomicReference<String> entryLimit = new AtomicReference<>();

        Run(EntryHandler handler) {
            this.handler = handler;
        }

        List<InventoryItem> read(Path bundle) throws BundleException {
            if (!Files.exists(bundle)) {
                throw new BundleException("bundle " + bundle + " not found: no such file or folder");
            }
            if (Files.isDirectory(bundle)) {
                return readFolder(bundle);
            }
            if (!Files.isRegularFile(bundle)) {
                throw new BundleException("bundle " + bundle + " is neither a regular file nor a folder");
            }
            byte[] head = new byte[ArchiveFormat.SNIFF_BYTES];
            int length;
            long size;
            try (InputStream in = Files.newInputStream(bundle)) {
                length = in.readNBytes(head, 0, head.length);
                size = Files.size(bundle);
            } catch (IOException e) {
                throw new BundleException("cannot read bundle " + bundle + ": " + message(e), e);
            }
            ArchiveFormat format = ArchiveFormat.sniff(head, length);
            if (format == null) {
                throw new BundleException("bundle " + bundle + " is not an archive (zip, tar, tar.gz or 7z) nor a folder: "
                        + (length == 0 ? "the file is empty"
                        : "it starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(length, 8))));
            }
            String name = bundle.getFileName() == null ? bundle.toString() : bundle.getFileName().toString();
            total.addOnDisk(size);
            Listing listing = new Listing();
            String kind;
            try (InputStream in = format == ArchiveFormat.GZIP || format == ArchiveFormat.TAR
                    ? new BufferedInputStream(Files.newInputStream(bundle), 1 << 16) : null) {
                kind = openArchive(format, in, bundle, size, name, "", 0, listing, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleException("reading bundle " + bundle + " was interrupted", e);
            } catch (IOException e) {
                if (listing.entries == 0) {
                    throw new BundleException("cannot read bundle " + bundle + ": " + message(e), e);
                }
                listing.fail(message(e));
                kind = format.kind();
            }
            if (listing.entries == 0 && (listing.failure != null || listing.skipped != null) && stopReason() == null) {
                // the archive gave not one entry: there is nothing to analyze, which is not a clean result (a limit
                // that stopped the reading is reported in a report of its own)
                throw new BundleException("cannot read bundle " + bundle + ": "
                        + (listing.failure != null ? listing.failure : listing.skipped));
            }
            stoppedBy = stopReason();
            List<InventoryItem> items = listing.items;
            if (listing.failure != null || listing.skipped != null) {
                items = new ArrayList<>(items.size() + 1);
                items.add(listing.line(name, kind, size));
                items.addAll(listing.items);
            }
            return items;
        }

        // ---- folders -------------------------------------------------------------------------------

        private List<InventoryItem> readFolder(Path root) throws BundleException {
            Listing listing = new Listing();
            Ordered ordered = new Ordered(true);
            try {
                walk(root, root, ordered, listing);
                listing.items.addAll(ordered.collect());
            } catch (InterruptedException e) {
                ordered.cancel();
                Thread.currentThread().interrupt();
                throw new BundleException("reading bundle " + root + " was interrupted", e);
            } catch (IOException e) {
                ordered.cancel();
                throw new BundleException("cannot read bundle folder " + root + ": " + message(e), e);
            }
            stoppedBy = stopReason();
            if (listing.failure == null) {
                return listing.items;
            }
            List<InventoryItem> items = new ArrayList<>(listing.items.size() + 1);
            Path name = root.getFileName();
            items.add(listing.line(name == null ? root.toString() : name.toString(), "folder", -1));
            items.addAll(listing.items);
            return items;
        }

        /** Depth first, children sorted by name; returns false once reading must stop. */
        private boolean walk(Path root, Path dir, Ordered ordered, Listing out) throws IOException, InterruptedException {
            List<Path> children;
            try (Stream<Path> list = Files.list(dir)) {
                children = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            }
            for (Path child : children) {
                String path = EntryNames.display(root.relativize(child).toString()
                        .replace(child.getFileSystem().getSeparator(), "/"));
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    if (!admit(out, -1)) {
                        return false;
                    }
                    out.entries++;
                    ordered.add(List.of(InventoryItem.failed(path, "unknown", -1, "cannot read: " + message(e))));
                    continue;
                }
                if (attributes.isDirectory()) {
                    try {
                        if (!walk(root, child, ordered, out)) {
                            return false;
                        }
                    } catch (IOException e) {
                        if (!admit(out, -1)) {
                            return false;
                        }
                        out.entries++;
                        ordered.add(List.of(InventoryItem.failed(path, "folder", -1, "cannot list folder: " + message(e))));
                    }
                    continue;
                }
                if (!admit(out, -1)) {
                    return false;
                }
                out.entries++;
                if (attributes.isSymbolicLink()) {
                    ordered.add(List.of(InventoryItem.skipped(path, "link", -1, SYMLINK)));
                } else if (!attributes.isRegularFile()) {
                    ordered.add(List.of(InventoryItem.skipped(path, "unknown", -1, "not a regular file, not read")));
                } else {
                    long size = attributes.size();
                    total.addOnDisk(size);
                    Instant modified = instant(attributes.lastModifiedTime());
                    ordered.submit(path, () -> folderFile(child, path, size, modified));
                }
            }
            return true;
        }

        private List<InventoryItem> folderFile(Path file, String path, long size, Instant modified) {
            InputStream in;
            try {
                in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return List.of(InventoryItem.failed(path, "unknown", -1, "cannot read: " + message(e)));
            }
            try {
                return entry(path, size, modified, leaf(in, null), 0, file);
            } finally {
                closeQuietly(in);
            }
        }

        // ---- one entry -----------------------------------------------------------------------------

        /**
         * A regular file found at {@code depth} (0 = directly in the bundle): opened as an archive when its
         * first bytes are one, otherwise handed to the handler. {@code file} is its location when it is a
         * file of a folder bundle (a nested zip or 7z is then opened with random access), else null.
         */
        private List<InventoryItem> entry(String path, long size, Instant modified, LimitedInputStream content,
                                          int depth, Path file) {
            HeadStream head = HeadStream.of(content, ArchiveFormat.SNIFF_BYTES);
            ArchiveFormat format = ArchiveFormat.sniff(head.head(), head.headLength());
            if (format == null) {
                return List.of(handle(new BundleEntry(path, size, modified), head, content));
            }
            content.detachFromTotal();
            if (depth + 1 > limits.maxDepth()) {
                return List.of(InventoryItem.skipped(path, format.kind(), size,
                        "nesting deeper than " + limits.maxDepth()));
            }
            Listing inner = new Listing();
            String kind = format.kind();
            try {
                kind = openArchive(format, head, file, size, fileName(path), EntryNames.prefixOf(path), depth + 1,
                        inner, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inner.fail("interrupted");
            } catch (IOException | RuntimeException e) {
                inner.fail(message(e));
            }
            List<InventoryItem> lines = new ArrayList<>(inner.items.size() + 1);
            lines.add(inner.line(path, kind, file != null ? size : content.count()));
            lines.addAll(inner.items);
            return lines;
        }

        private InventoryItem handle(BundleEntry entry, InputStream content, LimitedInputStream limited) {
            InventoryItem item;
            try {
                item = handler.handle(entry, content);
            } catch (Exception | LinkageError e) {
                item = InventoryItem.failed(entry.path(), "unknown", limited.count(), message(e));
            }
            if (item == null) {
                item = InventoryItem.failed(entry.path(), "unknown", limited.count(), "no result from the entry handler");
            }
            String limit = limited.stoppedBy();
            if (limit != null && item.status() == InventoryItem.Status.PARSED) {
                item = new InventoryItem(item.path(), item.kind(), item.charset(), item.bytes(), item.records(),
                        InventoryItem.Status.FAILED, limit);
            }
            return item;
        }

        /** The stream a handler gets: entry size, ratio (when {@code compressed} is known) and bundle total. */
        private LimitedInputStream leaf(InputStream data, LongSupplier compressed) {
            return new LimitedInputStream(data, limits.maxEntryBytes(), compressed, limits.maxRatio(),
                    limits.ratioGraceBytes(), total, Deadline.after(limits.maxEntryTime(), "entry"));
        }

        /**
         * Counts one more entry against {@code maxEntries}; when reading must stop, records why on
         * {@code out} ({@code remaining} entries including this one, or -1 when unknown) and returns false.
         */
        private boolean admit(Listing out, long remaining) {
            String stop = stopReason();
            if (stop == null && entries.incrementAndGet() > limits.maxEntries()) {
                entryLimit.compareAndSet(null, "entry limit " + limits.maxEntries() + " reached");
                stop = stopReason();
            }
            if (stop == null) {
                return true;
            }
            out.fail(stop + "; " + (remaining == 1 ? "1 further entry not read"
                    : remaining >= 0 ? remaining + " further entries not read" : "further entries not read"));
            return false;
        }

        private String stopReason() {
            String stop = entryLimit.get();
            return stop != null ? stop : total.exhausted();
        }

        // ---- archives ------------------------------------------------------------------------------

        /**
         * Reads an archive of a known format into {@code out}; returns the kind for its line. {@code source}
         * is its data (required for gzip and tar), {@code file} its location when it is a whole file.
         */
        private String openArchive(ArchiveFormat format, InputStream source, Path file, long size, String name,
                                   String prefix, int depth, Listing out, boolean parallel)
                throws IOException, InterruptedException {
            switch (format) {
                case ZIP -> {
                    if (file != null) {
                        readZipFile(file, prefix, depth, out, parallel);
                    } else {
                        readZipStream(source, prefix, depth, out, -1);
                    }
                    return ArchiveFormat.ZIP.kind();
                }
                case SEVEN_Z -> {
                    if (file != null) {
                        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                            read7z(channel, prefix, depth, out);
                        }
                    } else {
                        readNested7z(source, size, prefix, depth, out);
                    }
                    return ArchiveFormat.SEVEN_Z.kind();
                }
                case GZIP, TAR_GZ -> {
                    return readGzip(source, name, prefix, depth, out);
                }
                case TAR -> {
                    readTar(source, null, prefix, depth, out);
                    return ArchiveFormat.TAR.kind();
                }
                default -> throw new IllegalStateException(format.name());
            }
        }

        /** A zip file with random access; falls back to streaming when its central directory is unreadable. */
        private void readZipFile(Path file, String prefix, int depth, Listing out, boolean parallel)
                throws IOException, InterruptedException {
            long declared = ZipEnd.declaredEntries(file);
            if (declared > limits.maxEntries()) {
                // more entries than will be read: streaming keeps memory to one entry, not the whole directory
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    readZipStream(in, prefix, depth, out, declared);
                }
                return;
            }
            ZipFile zip;
            try {
                zip = ZipFile.builder().setPath(file).setUseUnicodeExtraFields(true).get();
            } catch (IOException | RuntimeException e) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    readZipStream(in, prefix, depth, out, -1);
                }
                String streamed = out.failure;
                out.failure = "zip central directory unreadable (" + message(e) + "); " + out.entries
                        + (out.entries == 1 ? " entry" : " entries") + " found by scanning the file" + (streamed == null ? "" : ", then: " + streamed);
                return;
            }
            Ordered ordered = new Ordered(parallel);
            try {
                List<ZipArchiveEntry> files = new ArrayList<>();
                for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                    if (!entry.isDirectory()) {
                        files.add(entry);
                    }
                }
                for (int i = 0; i < files.size(); i++) {
                    ZipArchiveEntry entry = files.get(i);
                    if (!admit(out, files.size() - i)) {
                        break;
                    }
                    out.entries++;
                    String path = EntryNames.child(prefix, entry.getName());
                    String unreadable = unreadable(entry, zip.canReadEntryData(entry));
                    if (entry.isUnixSymlink()) {
                        // its data is the link's target: a name, not content, and never a path to follow
                        ordered.add(List.of(InventoryItem.skipped(path, "link", entry.getSize(), SYMLINK)));
                    } else if (unreadable != null) {
                        ordered.add(List.of(InventoryItem.skipped(path, "unknown", entry.getSize(), unreadable)));
                    } else {
                        ordered.submit(path, () -> zipFileEntry(zip, entry, path, depth));
                    }
                }
                out.items.addAll(ordered.collect());
            } catch (InterruptedException e) {
                ordered.cancel();
                throw e;
            } finally {
                closeQuietly(zip);
            }
        }

        private List<InventoryItem> zipFileEntry(ZipFile zip, ZipArchiveEntry entry, String path, int depth) {
            InputStream raw;
            try {
                raw = zip.getInputStream(entry);
            } catch (IOException e) {
                return List.of(InventoryItem.failed(path, "unknown", -1, message(e)));
            }
            try {
                LongSupplier compressed;
                if (raw instanceof InputStreamStatistics statistics) {
                    compressed = statistics::getCompressedCount;
                } else if (entry.getCompressedSize() >= 0) {
                    long size = entry.getCompressedSize();
                    compressed = () -> size;
                } else {
                    compressed = null;
                }
                InputStream data = entry.getCrc() >= 0 ? new CrcCheckingInputStream(raw, entry.getCrc()) : raw;
                return entry(path, entry.getSize(), modified(entry), leaf(data, compressed), depth, null);
            } finally {
                closeQuietly(raw);
            }
        }

        /**
         * A zip read front to back: nested zips, zip files whose central directory is broken, and zip files that
         * declare more entries than will be read ({@code declared}, else -1).
         */
        private void readZipStream(InputStream source, String prefix, int depth, Listing out, long declared)
                throws IOException {
            try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new Unclosable(source),
                    StandardCharsets.UTF_8.name(), true, true)) {
                while (true) {
                    ZipArchiveEntry entry;
                    try {
                        entry = zip.getNextEntry();
                    } catch (IOException | RuntimeException e) {
                        out.fail(brokenAfter(out, e));
                        return;
                    } catch (LinkageError e) {
                        // the stream opens a Zstandard decoder as it reaches such an entry, and none is on the class path
                        out.fail("stopped after " + entries(out.entries) + ": the next entry uses a compression method"
                                + " this build cannot read (" + message(e) + "); further entries not read");
                        return;
                    }
                    if (entry == null) {
                        return;
                    }
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (!admit(out, declared < 0 ? -1 : Math.max(1, declared - out.entries))) {
                        return;
                    }
                    out.entries++;
                    String path = EntryNames.child(prefix, entry.getName());
                    String unreadable = unreadable(entry, zip.canReadEntryData(entry));
                    if (unreadable != null) {
                        out.items.add(InventoryItem.skipped(path, "unknown", entry.getSize(), unreadable));
                        continue;
                    }
                    boolean descriptor = entry.getGeneralPurposeBit().usesDataDescriptor();
                    InputStream data = !descriptor && entry.getCrc() >= 0
                            ? new CrcCheckingInputStream(new Unclosable(zip), entry.getCrc()) : new Unclosable(zip);
                    LimitedInputStream limited = leaf(data, zip::getCompressedCount);
                    out.items.addAll(entry(path, entry.getSize(), modified(entry), limited, depth, null));
                    // without sizes in the local header the rest of the entry is skipped by inflating it
                    if (descriptor && entry.getMethod() != ZipEntry.STORED && !settle(limited)) {
                        out.fail(stoppedAfter(path, limited));
                        return;
                    }
                }
            }
        }

        private String readGzip(InputStream source, String name, String prefix, int depth, Listing out)
                throws IOException {
            try (GzipCompressorInputStream gzip = GzipCompressorInputStream.builder()
                    .setInputStream(new Unclosable(source)).setDecompressConcatenated(true).get()) {
                LimitedInputStream inflated = new LimitedInputStream(gzip, limits.maxTotalBytes(),
                        gzip::getCompressedCount, limits.maxRatio(), limits.ratioGraceBytes(), null, null);
                HeadStream head = HeadStream.of(inflated, ArchiveFormat.SNIFF_BYTES);
                if (ArchiveFormat.sniff(head.head(), head.headLength()) == ArchiveFormat.TAR) {
                    readTar(head, gzip::getCompressedCount, prefix, depth, out);
                    return ArchiveFormat.TAR_GZ.kind();
                }
                if (!admit(out, 1)) {
                    return ArchiveFormat.GZIP.kind();
                }
                out.entries++;
                String inner = EntryNames.gunzippedName(name, gzip.getMetaData().getFileName());
                Instant mtime = gzip.getMetaData().getModificationInstant();
                out.items.addAll(entry(prefix + EntryNames.display(inner), -1,
                        mtime != null && mtime.toEpochMilli() > 0 ? mtime : null,
                        leaf(head, gzip::getCompressedCount), depth, null));
                return ArchiveFormat.GZIP.kind();
            }
        }

        /** @param compressed compressed bytes consumed by the stream under the tar (gzip), or null */
        private void readTar(InputStream source, LongSupplier compressed, String prefix, int depth, Listing out) {
            TarArchiveInputStream tar = new TarArchiveInputStream(new Unclosable(source), StandardCharsets.UTF_8.name());
            while (true) {
                TarArchiveEntry entry;
                try {
                    entry = tar.getNextEntry();
                } catch (IOException | RuntimeException e) {
                    out.fail(brokenAfter(out, e));
                    return;
                }
                if (entry == null) {
                    return;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!admit(out, -1)) {
                    return;
                }
                out.entries++;
                String path = EntryNames.child(prefix, entry.getName());
                String notAFile = entry.isSymbolicLink() ? SYMLINK
                        : entry.isLink() ? "hard link, not followed"
                        : entry.isCharacterDevice() || entry.isBlockDevice() ? "device file, not read"
                        : entry.isFIFO() ? "named pipe, not read"
                        : !entry.isFile() ? "not a regular file, not read" : null;
                if (notAFile != null) {
                    String kind = entry.isSymbolicLink() || entry.isLink() ? "link" : "unknown";
                    out.items.add(InventoryItem.skipped(path, kind, -1, notAFile));
                    continue;
                }
                LongSupplier entryCompressed = null;
                if (compressed != null) {
                    long start = compressed.getAsLong();
                    entryCompressed = () -> compressed.getAsLong() - start;
                }
                out.items.addAll(entry(path, entry.getSize(), instant(entry.getLastModifiedTime()),
                        leaf(new Unclosable(tar), entryCompressed), depth, null));
            }
        }

        /** A 7z inside another archive: 7z needs random access, so its bytes are copied first. */
        private void readNested7z(InputStream source, long size, String prefix, int depth, Listing out)
                throws IOException {
            byte[] start = size > IN_MEMORY_7Z_BYTES ? new byte[0] : source.readNBytes((int) IN_MEMORY_7Z_BYTES + 1);
            if (size <= IN_MEMORY_7Z_BYTES && start.length <= IN_MEMORY_7Z_BYTES) {
                read7z(new SeekableInMemoryByteChannel(start), prefix, depth, out);
                return;
            }
            Path temp = tempDir == null ? Files.createTempFile("bundle-analyzer-", ".7z")
                    : Files.createTempFile(tempDir, "nested-", ".7z");
            try {
                try (OutputStream copy = Files.newOutputStream(temp)) {
                    copy.write(start);
                    source.transferTo(copy);
                }
                try (SeekableByteChannel channel = Files.newByteChannel(temp)) {
                    read7z(channel, prefix, depth, out);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }

        private void read7z(SeekableByteChannel channel, String prefix, int depth, Listing out) {
            SevenZFile archive;
            try {
                archive = SevenZFile.builder().setSeekableByteChannel(channel)
                        .setMaxMemoryLimitKiB(SEVEN_Z_MEMORY_LIMIT_KIB).get();
            } catch (PasswordRequiredException e) {
                out.skipped = ENCRYPTED;
                return;
            } catch (IOException | RuntimeException e) {
                out.fail("cannot open 7z archive: " + message(e));
                return;
            }
            try {
                int files = 0;
                for (SevenZArchiveEntry entry : archive.getEntries()) {
                    if (!entry.isDirectory() && !entry.isAntiItem()) {
                        files++;
                    }
                }
                int seen = 0;
                while (true) {
                    SevenZArchiveEntry entry;
                    try {
                        entry = archive.getNextEntry();
                    } catch (IOException | RuntimeException e) {
                        out.fail(brokenAfter(out, e));
                        return;
                    }
                    if (entry == null) {
                        return;
                    }
                    if (entry.isDirectory() || entry.isAntiItem()) {
                        continue;
                    }
                    if (!admit(out, files - seen)) {
                        return;
                    }
                    seen++;
                    out.entries++;
                    String path = EntryNames.child(prefix, entry.getName());
                    if (encrypted(entry)) {
                        out.items.add(InventoryItem.skipped(path, "unknown", entry.getSize(), ENCRYPTED));
                        continue;
                    }
                    Instant modified = entry.getHasLastModifiedDate() ? instant(entry.getLastModifiedTime()) : null;
                    LimitedInputStream limited = leaf(new SevenZEntryStream(archive),
                            () -> archive.getStatisticsForCurrentEntry().getCompressedCount());
                    out.items.addAll(entry(path, entry.hasStream() ? entry.getSize() : 0, modified, limited, depth, null));
                    // the rest of a solid block is unpacked to reach the next entry
                    if (!settle(limited)) {
                        out.fail(stoppedAfter(path, limited));
                        return;
                    }
                }
            } finally {
                closeQuietly(archive);
            }
        }
    }

    /**
     * Entries handed out in order; with a pool they run concurrently, at most {@code window} at a time,
     * and are collected in the order they were added.
     */
    private final class Ordered {
        private record Pending(String path, Future<List<InventoryItem>> future) {
        }

        private final List<Object> slots = new ArrayList<>();
        private final Semaphore permits;

        Ordered(boolean parallel) {
            this.permits = parallel && pool != null ? new Semaphore(window) : null;
        }

        void add(List<InventoryItem> done) {
            slots.add(done);
        }

        void submit(String path, Supplier<List<InventoryItem>> task) throws InterruptedException {
            if (permits == null) {
                slots.add(guarded(path, task));
                return;
            }
            permits.acquire();
            try {
                slots.add(new Pending(path, pool.submit(() -> {
                    try {
                        return guarded(path, task);
                    } finally {
                        permits.release();
                    }
                })));
            } catch (RejectedExecutionException e) {
                permits.release();
                slots.add(guarded(path, task));
            }
        }

        @SuppressWarnings("unchecked")
        List<InventoryItem> collect() throws InterruptedException {
            List<InventoryItem> all = new ArrayList<>();
            for (Object slot : slots) {
                if (slot instanceof Pending pending) {
                    try {
                        all.addAll(pending.future().get());
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof Error error) {
                            cancel();
                            throw error;
                        }
                        all.add(InventoryItem.failed(pending.path(), "unknown", -1, message(cause)));
                    } catch (CancellationException e) {
                        all.add(InventoryItem.failed(pending.path(), "unknown", -1, "cancelled"));
                    }
                } else {
                    all.addAll((List<InventoryItem>) slot);
                }
            }
            return all;
        }

        void cancel() {
            for (Object slot : slots) {
                if (slot instanceof Pending pending) {
                    pending.future().cancel(true);
                }
            }
        }

        private List<InventoryItem> guarded(String path, Supplier<List<InventoryItem>> task) {
            try {
                return task.get();
            } catch (RuntimeException | LinkageError e) {
                return List.of(InventoryItem.failed(path, "unknown", -1, message(e)));
            }
        }
    }

    /** Reads a 7z archive's current entry through {@link SevenZFile#read}. */
    private static final class SevenZEntryStream extends InputStream {
        private final SevenZFile archive;

        SevenZEntryStream(SevenZFile archive) {
            this.archive = archive;
        }

        @Override
        public int read() throws IOException {
            return archive.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return archive.read(b, off, len);
        }
    }

    /** Keeps an archive stream from closing the stream it reads from. */
    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the underlying stream belongs to the enclosing archive
        }
    }

    /**
     * Reads what is left of an entry under its limits, so that an archive which must unpack it to reach the
     * next entry does so within them; false when a limit stops it (or already had).
     */
    private static boolean settle(LimitedInputStream limited) {
        if (limited.stoppedBy() != null) {
            return false;
        }
        try {
            limited.drain();
            return true;
        } catch (BundleLimitException e) {
            return false;
        } catch (IOException e) {
            return true; // a damaged entry: the archive reports it when it moves on
        }
    }

    /** Why an archive could not be read to its end. */
    private static String brokenAfter(Listing out, Exception e) {
        if (e instanceof BundleLimitException) {
            return "stopped after " + entries(out.entries) + ": " + message(e) + "; further entries not read";
        }
        return "truncated or corrupt after " + entries(out.entries) + ": " + message(e);
    }

    private static String entries(int count) {
        return count == 1 ? "1 entry" : count + " entries";
    }

    private static String stoppedAfter(String path, LimitedInputStream limited) {
        return "stopped at " + path + " (" + limited.stoppedBy() + "): reaching the next entry would mean "
                + "unpacking the rest of it; further entries not read";
    }

    /** Why the data of a zip entry cannot be read, or null when it can. */
    private static String unreadable(ZipArchiveEntry entry, boolean canRead) {
        GeneralPurposeBit flags = entry.getGeneralPurposeBit();
        if (flags.usesEncryption() || flags.usesStrongEncryption()) {
            return ENCRYPTED;
        }
        int method = entry.getMethod();
        boolean zstd = method == ZipMethod.ZSTD.getCode() || method == ZipMethod.ZSTD_DEPRECATED.getCode();
        if (canRead && !(zstd && !ZstdSupport.AVAILABLE)) {
            return null;
        }
        ZipMethod known = ZipMethod.getMethodByCode(method);
        return "unsupported compression method " + (known != null ? known.name() + " (" + method + ")" : method);
    }

    private static final class ZstdSupport {
        static final boolean AVAILABLE = present("com.github.luben.zstd.ZstdInputStream");

        private static boolean present(String className) {
            try {
                Class.forName(className, false, BundleReader.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    private static boolean encrypted(SevenZArchiveEntry entry) {
        Iterable<? extends SevenZMethodConfiguration> methods = entry.getContentMethods();
        if (methods != null) {
            for (SevenZMethodConfiguration method : methods) {
                if (method.getMethod() == SevenZMethod.AES256SHA256) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Instant modified(ZipArchiveEntry entry) {
        long time = entry.getTime();
        return time > 0 ? Instant.ofEpochMilli(time) : null;
    }

    private static Instant instant(FileTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String fileName(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('!'));
        return path.substring(cut + 1);
    }

    /**
     * The exception as an inventory reason: its message, a plain phrase for the common ones without (end of
     * data, missing file, denied access), else its class name.
     */
    public static String describe(Throwable e) {
        return message(e);
    }

    /** The exception's message, or its class name when it has none. */
    static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof NoSuchFileException) {
            return "no such file: " + t.getMessage();
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + t.getMessage();
        }
        String message = t.getMessage();
        if (t instanceof java.io.EOFException && (message == null || message.isBlank())) {
            return "unexpected end of data: truncated";
        }
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing was written; a failing close has nothing left to lose
        }
    }
}
