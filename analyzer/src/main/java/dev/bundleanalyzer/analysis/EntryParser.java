package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.bundle.BundleEntry;
import dev.bundleanalyzer.bundle.BundleLimitException;
import dev.bundleanalyzer.bundle.Deadline;
import dev.bundleanalyzer.bundle.EntryHandler;
import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Skim;
import dev.bundleanalyzer.parse.TextLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Detects the kind of each entry from its first bytes and runs the matching parser, turning whatever
 * happens into the entry's inventory line: nothing is skipped without a reason.
 */
final class EntryParser implements EntryHandler {

    /** Reason of the placeholder line of an entry whose parsing waits for the machine's time zone. */
    private static final String WAITING = "waiting for the machine's time zone";

    /** Text entries larger than this are read ahead on a thread of their own ({@link ReadAhead}). */
    static final long READ_AHEAD_BYTES = 8L << 20;

    /** Notes passed on per entry: a file damaged throughout says so in a summary, not in a million notes. */
    static final int MAX_NOTES_PER_ENTRY = 50;

    private final ContentDetector detector;
    private final HandOff sink;
    private final Path spoolDir;
    private final int maxLineChars;
    private final Duration entryTime;
    private final Deadline bundleDeadline;
    private final ConcurrentLinkedQueue<Deferred> deferred = new ConcurrentLinkedQueue<>();

    /** An entry kept aside in a spool file until the time zone is known. */
    private record Deferred(BundleEntry entry, ContentDetector.Detection detection, Path spool) {
    }

    /**
     * @param spoolDir       where entries that write local times wait (generated file names only), until
     *                       {@link #parseDeferred} runs
     * @param maxLineChars   longest text line a parser is given
     * @param entryTime      how long parsing one waiting entry may take (while the bundle is read, the reader
     *                       times the entries)
     * @param bundleDeadline when parsing the waiting entries must stop
     */
    EntryParser(ContentDetector detector, HandOff sink, Path spoolDir, int maxLineChars, Duration entryTime,
                Deadline bundleDeadline) {
        this.detector = detector;
        this.sink = sink;
        this.spoolDir = spoolDir;
        this.maxLineChars = maxLineChars;
        this.entryTime = entryTime;
        this.bundleDeadline = bundleDeadline;
    }

    @Override
    public InventoryItem handle(BundleEntry entry, InputStream content) {
        byte[] head;
        CountingInput counted = new CountingInput(content);
        try {
            counted.mark(ContentDetector.SAMPLE_BYTES);
            head = counted.readNBytes(ContentDetector.SAMPLE_BYTES);
            counted.reset();
        } catch (BundleLimitException e) {
            return InventoryItem.failed(entry.path(), "unknown", counted.count(), describe(e));
        } catch (IOException e) {
            return InventoryItem.failed(entry.path(), "unknown", counted.count(), "cannot read: " + describe(e));
        }
        if (head.length == 0) {
            return InventoryItem.skipped(entry.path(), "empty", 0, "empty file");
        }
        ContentDetector.Detection detection = detector.detect(entry.fileName(), head);
        String charset = detection.charset() == null ? null : detection.charset().name();
        if (detection.parser() == null) {
            String reason = switch (detection.kind()) {
                case "binary" -> "binary content of no known format";
                case "unknown" -> "text of no known format";
                default -> detection.kind() + " files are not analyzed yet";
            } + nameMismatch(entry.fileName(), head);
            return new InventoryItem(entry.path(), detection.kind(), charset, size(entry, counted),
                    0, InventoryItem.Status.SKIPPED, reason);
        }
        if (detection.parser().readsLocalTimes()) {
            try {
                Path spool = Files.createTempFile(spoolDir, "entry", ".spool");
                Files.copy(counted, spool, StandardCopyOption.REPLACE_EXISTING);
                deferred.add(new Deferred(entry, detection, spool));
                return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), 0,
                        InventoryItem.Status.PARSED, WAITING);
            } catch (IOException | RuntimeException e) {
                return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), 0,
                        InventoryItem.Status.FAILED, describe(e));
            }
        }
        return parse(entry, detection, counted, null);
    }

    /** True when some entry waits for the machine's time zone. */
    boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /**
     * Parses the entries kept aside for the machine's time zone and puts their real lines in the inventory.
     *
     * @param zone the zone the bundle tells, or {@code null} (the parsers then assume UTC and say so)
     */
    List<InventoryItem> parseDeferred(ZoneId zone, List<InventoryItem> inventory) {
        List<InventoryItem> out = new ArrayList<>(inventory);
        for (Deferred d : deferred) {
            InventoryItem item;
            try (CountingInput in = new CountingInput(new Timed(Files.newInputStream(d.spool()),
                    Deadline.after(entryTime, "entry"), bundleDeadline))) {
                item = parse(d.entry(), d.detection(), in, zone);
            } catch (IOException e) {
                item = InventoryItem.failed(d.entry().path(), d.detection().kind(), -1, "cannot read back: " + describe(e));
            } finally {
                try {
                    Files.deleteIfExists(d.spool());
                } catch (IOException ignored) {
                    // the spool folder is removed with the analysis
                }
            }
            for (int i = 0; i < out.size(); i++) {
                InventoryItem placeholder = out.get(i);
                if (placeholder.path().equals(d.entry().path()) && WAITING.equals(placeholder.reason())) {
                    out.set(i, item);
                    break;
                }
            }
        }
        deferred.clear();
        return out;
    }

    private InventoryItem parse(BundleEntry entry, ContentDetector.Detection detection, CountingInput counted, ZoneId zone) {
        try (HandOff.Batches batches = sink.open()) {
            return parse(entry, detection, counted, zone, batches);
        }
    }

    private InventoryItem parse(BundleEntry entry, ContentDetector.Detection detection, CountingInput counted, ZoneId zone,
                                RecordSink sink) {
        String charset = detection.charset() == null ? null : detection.charset().name();
        CountingSink records = new CountingSink(sink, entry.path());
        TextLimits text = new TextLimits(maxLineChars);
        ReadAhead ahead = null;
        try {
            counted.skipNBytes(detection.bomLength());
            InputStream content = counted;
            if (detection.charset() != null && entry.size() > READ_AHEAD_BYTES) {
                // a large text: inflated on another core while its lines are parsed
                content = ahead = new ReadAhead(counted, entry.path());
            }
            detection.parser().parse(new ParseInput(entry.path(), entry.modified(), detection.charset(), content, zone,
                    text), records);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            long kept = records.count();
            String partial = kept == 0 ? "" : kept == 1 ? " (the record before it is kept)"
                    : " (the " + kept + " records before it are kept)";
            return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), records.count(),
                    InventoryItem.Status.FAILED, join(describe(e) + partial, text.leftOut()));
        } finally {
            closeQuietly(ahead);
            records.finish();
        }
        // recognised but empty is still an input: its rules are evaluated (and find nothing)
        String reason = records.count() == 0 ? "recognised as " + detection.kind() + "; holds no records" : null;
        if (records.firstNote() != null) {
            // a file read around damage must say so where the engineer looks first: its inventory line
            String damage = records.notes() == 1 ? records.firstNote()
                    : records.notes() + " problems, first: " + records.firstNote();
            reason = join(reason, damage);
        }
        reason = join(reason, text.leftOut());
        return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), records.count(),
                InventoryItem.Status.PARSED, reason);
    }

    /** Stops a read-ahead before the entry's inventory line reads what it counted. */
    private static void closeQuietly(ReadAhead ahead) {
        if (ahead != null) {
            try {
                ahead.close();
            } catch (IOException ignored) {
                // the entry's stream is closed by the bundle reader too; its errors were thrown to the parser
            }
        }
    }

    private static String join(String reason, String more) {
        return more == null ? reason : reason == null ? more : reason + "; " + more;
    }

    /** The spool of a waiting entry, read under the entry's and the bundle's time limits. */
    private static final class Timed extends FilterInputStream {
        private final Deadline entry;
        private final Deadline bundle;

        Timed(InputStream in, Deadline entry, Deadline bundle) {
            super(in);
            this.entry = entry;
            this.bundle = bundle;
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }

        private void check() throws BundleLimitException {
            for (Deadline d : new Deadline[] {bundle, entry}) {
                if (d != null && d.passed()) {
                    throw new BundleLimitException(d.reason() + ": stopped, not read further");
                }
            }
        }
    }

    /**
     * A file named like one the analyzer reads whose content is not: said in its reason, so the engineer knows
     * the customer's trace or event log is damaged (or something else under its name) rather than not collected.
     */
    static String nameMismatch(String fileName, byte[] head) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        boolean allNul = true;
        for (byte b : head) {
            if (b != 0) {
                allNul = false;
                break;
            }
        }
        String what = name.endsWith(".evtx") ? "an event log (.evtx), but it has no ElfFile header"
                : name.endsWith(".errlog") || name.endsWith(".crash") ? "an agent trace log, but its lines are not"
                        + " trace lines" : null;
        if (allNul) {
            return "; it starts with nothing but NUL bytes (a copy that was never written, or a disk that lost it)";
        }
        return what == null ? "" : "; named like " + what;
    }

    private static long size(BundleEntry entry, CountingInput counted) {
        return entry.size() >= 0 ? entry.size() : counted.count();
    }

    private static String describe(Throwable e) {
        return dev.bundleanalyzer.bundle.BundleReader.describe(e);
    }

    /** Counts records per entry on their way to the shared sink, and passes on at most so many notes. */
    private static final class CountingSink implements RecordSink {
        private final RecordSink target;
        private final String path;
        private final AtomicLong count = new AtomicLong();
        private int notes;
        private String firstNote;

        CountingSink(RecordSink target, String path) {
            this.target = target;
            this.path = path;
        }

        /** Says how many notes were held back, once the entry is done. */
        void finish() {
            if (notes > MAX_NOTES_PER_ENTRY) {
                target.note(path, (notes - MAX_NOTES_PER_ENTRY) + " more problems in this file are not listed");
            }
        }

        @Override
        public void event(LogEvent event) {
            target.event(event);
            count.incrementAndGet();
        }

        @Override
        public Skim skim(String file, String component) {
            return target.skim(file, component);
        }

        @Override
        public void skimmed(long epochMillis, String level) {
            target.skimmed(epochMillis, level);
            count.incrementAndGet();
        }

        @Override
        public void fact(Fact fact) {
            target.fact(fact);
            count.incrementAndGet();
        }

        @Override
        public void note(String file, String message) {
            if (notes < MAX_NOTES_PER_ENTRY) {
                target.note(file, message);
            }
            if (notes++ == 0) {
                firstNote = message;
            }
        }

        @Override
        public void timeNote(String file, String message) {
            target.timeNote(file, message);
        }

        long count() {
            return count.get();
        }

        /** Notes other than about times: what was damaged or not understood. */
        int notes() {
            return notes;
        }

        String firstNote() {
            return firstNote;
        }
    }
}
