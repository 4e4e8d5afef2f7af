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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Detects the kind of each entry from its first bytes and runs the matching parser, turning whatever
 * happens into the entry's inventory line: nothing is skipped without a reason.
 */
final class EntryParser implements EntryHandler {

    private final ContentDetector detector;
    private final RecordSink sink;

    EntryParser(ContentDetector detector, RecordSink sink) {
        this.detector = detector;
        this.sink = sink;
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
            };
            return new InventoryItem(entry.path(), detection.kind(), charset, size(entry, counted),
                    0, InventoryItem.Status.SKIPPED, reason);
        }
        CountingSink records = new CountingSink(sink);
        try {
            counted.skipNBytes(detection.bomLength());
            detection.parser().parse(new ParseInput(entry.path(), entry.modified(), detection.charset(), counted), records);
        } catch (IOException | RuntimeException e) {
            String partial = records.count() > 0 ? " (the " + records.count() + " records before it are kept)" : "";
            return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), records.count(),
                    InventoryItem.Status.FAILED, describe(e) + partial);
        }
        // recognised but empty is still an input: its rules are evaluated (and find nothing)
        return new InventoryItem(entry.path(), detection.kind(), charset, counted.count(), records.count(),
                InventoryItem.Status.PARSED, records.count() == 0 ? "recognised as " + detection.kind() + "; holds no records" : null);
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
        }

        long count() {
            return count.get();
        }
    }
}
