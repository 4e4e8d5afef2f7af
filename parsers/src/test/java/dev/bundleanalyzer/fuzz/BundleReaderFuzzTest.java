package dev.bundleanalyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.bundle.BundleEntry;
import dev.bundleanalyzer.bundle.BundleException;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.bundle.BundleReader;
import dev.bundleanalyzer.bundle.EntryHandler;
import dev.bundleanalyzer.bundle.InventoryItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The input as a bundle file: zip, tar, tar.gz or 7z, told apart by content, archives nested in it included. */
class BundleReaderFuzzTest {

    /** Small enough that no input can make one run inflate more than a few MiB. */
    private static final BundleLimits LIMITS = new BundleLimits(3, 64, 4L << 20, 1L << 20, 200, 64L << 10);

    @TempDir
    static Path dir;

    @FuzzTest
    @Timeout(10)
    void bundle(byte[] data) throws IOException {
        Path bundle = dir.resolve("support-bundle.zip");
        Files.write(bundle, data);
        Draining handler = new Draining();
        List<InventoryItem> items;
        try {
            items = new BundleReader(LIMITS, null).read(bundle, handler);
        } catch (BundleException e) {
            assertNotNull(e.getMessage(), "a BundleException without a message");
            return;
        }
        for (InventoryItem item : items) {
            assertNotNull(item.path(), "inventory path");
            assertNotNull(item.kind(), item.path() + " kind");
            assertNotNull(item.status(), item.path() + " status");
            assertTrue(item.status() == InventoryItem.Status.PARSED || item.reason() != null,
                    item.path() + " is " + item.status() + " without a reason");
        }
        assertTrue(handler.total.get() <= LIMITS.maxTotalBytes(), "handed out " + handler.total + " bytes in all");
    }

    /** Reads every entry to its end, as a parser would, and checks that the limits held. */
    private static final class Draining implements EntryHandler {
        private final AtomicLong total = new AtomicLong();
        private final byte[] buffer = new byte[8192];

        @Override
        public InventoryItem handle(BundleEntry entry, InputStream content) {
            assertNotNull(entry.path(), "entry path");
            long bytes = 0;
            try {
                for (int n; (n = content.read(buffer)) >= 0; ) {
                    bytes += n;
                }
            } catch (IOException e) {
                return InventoryItem.failed(entry.path(), "unknown", bytes, String.valueOf(e.getMessage()));
            } finally {
                total.addAndGet(bytes);
            }
            assertTrue(bytes <= LIMITS.maxEntryBytes(), entry.path() + ": " + bytes + " bytes handed out");
            return new InventoryItem(entry.path(), "data", null, bytes, 0, InventoryItem.Status.PARSED, null);
        }
    }
}
