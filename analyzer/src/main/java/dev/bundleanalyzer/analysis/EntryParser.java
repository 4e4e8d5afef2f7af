package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.bundle.BundleEntry;
import dev.bundleanalyzer.bundle.EntryHandler;
import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private final ContentDetector detector;
    private final RecordSink sink;
    private final Path spoolDir;
    private final ConcurrentLinkedQueue<Deferred> deferred = new ConcurrentLinkedQueue<>();

    /** An entry kept aside in a spool file until the time zone is known. */
    private record Deferred(BundleEntry entry, ContentDetector.Detection detection, Path spool) {
    }

    /**
     * @param spoolDir where entries that write local times wait (generated file names only), until
     *                 {@link #parseDeferred} runs
     */
    EntryParser(ContentDetector detector, RecordSink sink, Path spoolDir) {
        this.detector = detector;
        this.sink = sink;
        this.spoolDir = spoolDir;
    }

    @Override
    public InventoryItem handle(BundleEntry entry, InputStream content) {
        byte[] head;
        CountingInput counted = new CountingInput(content);
        try {
            counted.mark(ContentDetector.SAMPLE_BYTES);
            head = counted.readNBytes(ContentDetector.SAMPLE_BYTES);
            counted.reset();
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
            try (InputStream in = new CountingInput(Files.newInputStream(d.spool()))) {
                item = parse(d.entry(), d.detection(), (CountingInput) in, zone);
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
        String charset = detection.charset() == null ? null : detection.charset().name();
        CountingSink records = new CountingSink(sink);
        try {
            counted.skipNBytes(detection.bomLength());
            detection.parser().parse(new ParseInput(entry.path(), entry.modified(), detection.charset(), counted, zone),
                    records);
        } catch (IOException | RuntimeException e) {
            String partial = records.count() > 0 ? " (the " + records.count() + " records before it are kept)" : "";
            return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), records.count(),
                    InventoryItem.Status.FAILED, describe(e) + partial);
        }
        // recognised but empty is still an input: its rules are evaluated (and find nothing)
        String reason = records.count() == 0 ? "recognised as " + detection.kind() + "; holds no records" : null;
        if (records.firstNote() != null) {
            // a file read around damage must say so where the engineer looks first: its inventory line
            String damage = records.notes() == 1 ? records.firstNote()
                    : records.notes() + " problems, first: " + records.firstNote();
            reason = reason == null ? damage : reason + "; " + damage;
        }
        return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), records.count(),
                InventoryItem.Status.PARSED, reason);
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
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Counts records per entry on their way to the shared sink. */
    private static final class CountingSink implements RecordSink {
        private final RecordSink target;
        private final AtomicLong count = new AtomicLong();
        private int notes;
        private String firstNote;

        CountingSink(RecordSink target) {
            this.target = target;
        }

        @Override
        public void event(LogEvent event) {
            target.event(event);
            count.incrementAndGet();
        }

        @Override
        public void fact(Fact fact) {
            target.fact(fact);
            count.incrementAndGet();
        }

        @Override
        public void note(String file, String message) {
            target.note(file, message);
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
