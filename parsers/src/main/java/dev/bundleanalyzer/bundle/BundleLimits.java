package dev.bundleanalyzer.bundle;

/**
 * Limits that keep a hostile or broken bundle from exhausting the machine.
 *
 * @param maxDepth           how deep archives may nest inside the bundle (the bundle itself is depth 0)
 * @param maxEntries         how many entries, all archives together, are looked at
 * @param maxTotalBytes      total uncompressed bytes read over the whole bundle
 * @param maxEntryBytes      uncompressed bytes read from one entry
 * @param maxRatio           largest compression ratio (uncompressed / compressed) allowed for an entry ...
 * @param ratioGraceBytes    ... once it has inflated past this many bytes (small files compress well legitimately)
 */
public record BundleLimits(int maxDepth, int maxEntries, long maxTotalBytes, long maxEntryBytes,
                           double maxRatio, long ratioGraceBytes) {

    public static final BundleLimits DEFAULTS = new BundleLimits(
            5, 100_000, 64L << 30, 16L << 30, 200, 16L << 20);
}
