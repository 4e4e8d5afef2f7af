package dev.bundleanalyzer.bundle;

import java.io.InputStream;

/**
 * Processes one regular, non-archive file of a bundle. The reader may call it from several threads at
 * once (entries are parsed in parallel), so implementations must be thread-safe.
 */
@FunctionalInterface
public interface EntryHandler {

    /**
     * Reads the entry and says what became of it. The stream enforces the bundle's limits: it throws
     * {@link BundleLimitException} when an entry inflates beyond them; a handler should catch it (like
     * any {@link java.io.IOException}) and return a failed or skipped item with the reason, keeping
     * the count of records it already produced. Must not close {@code content}.
     */
    InventoryItem handle(BundleEntry entry, InputStream content);
}
