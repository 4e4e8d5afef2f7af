package dev.bundleanalyzer.bundle;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that keep a hostile or broken bundle from exhausting the machine: its memory, disk and time are
 * bounded by these numbers, not by what the bundle holds.
 *
 * @param maxDepth        how deep archives may nest inside the bundle (the bundle itself is depth 0)
 * @param maxEntries      how many entries, all archives together, are looked at
 * @param maxTotalBytes   total uncompressed bytes read over the whole bundle
 * @param maxEntryBytes   uncompressed bytes read from one entry
 * @param maxRatio        largest compression ratio (uncompressed / compressed) allowed for an entry, and for the
 *                        bundle as a whole (bytes handed out / the bundle's size on disk) ...
 * @param ratioGraceBytes ... once it has inflated past this many bytes (small files compress well legitimately)
 * @param maxEntryTime    how long one entry may take to read and parse
 * @param maxBundleTime   how long reading and parsing the whole bundle may take; once passed, what was read is
 *                        analyzed and the rest is named as not finished
 * @param maxLineChars    longest text line kept; the rest of a longer line is dropped (and counted), so one huge
 *                        line costs this much memory, not its length
 */
public record BundleLimits(int maxDepth, int maxEntries, long maxTotalBytes, long maxEntryBytes,
                           double maxRatio, long ratioGraceBytes, Duration maxEntryTime, Duration maxBundleTime,
                           int maxLineChars) {

    public static final Duration DEFAULT_ENTRY_TIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_BUNDLE_TIME = Duration.ofMinutes(60);
    public static final int DEFAULT_LINE_CHARS = 1 << 20;

    public static final BundleLimits DEFAULTS = new BundleLimits(
            5, 100_000, 64L << 30, 16L << 30, 200, 16L << 20);

    public BundleLimits {
        Objects.requireNonNull(maxEntryTime, "maxEntryTime");
        Objects.requireNonNull(maxBundleTime, "maxBundleTime");
        if (maxEntryTime.isNegative() || maxEntryTime.isZero() || maxBundleTime.isNegative() || maxBundleTime.isZero()) {
            throw new IllegalArgumentException("time limits must be positive");
        }
        if (maxLineChars < 1) {
            throw new IllegalArgumentException("maxLineChars must be at least 1");
        }
    }

    /** Size and count limits with the default time and line limits. */
    public BundleLimits(int maxDepth, int maxEntries, long maxTotalBytes, long maxEntryBytes, double maxRatio,
                        long ratioGraceBytes) {
        this(maxDepth, maxEntries, maxTotalBytes, maxEntryBytes, maxRatio, ratioGraceBytes, DEFAULT_ENTRY_TIME,
                DEFAULT_BUNDLE_TIME, DEFAULT_LINE_CHARS);
    }

    public BundleLimits withTimes(Duration entry, Duration bundle) {
        return new BundleLimits(maxDepth, maxEntries, maxTotalBytes, maxEntryBytes, maxRatio, ratioGraceBytes, entry,
                bundle, maxLineChars);
    }

    public BundleLimits withMaxLineChars(int chars) {
        return new BundleLimits(maxDepth, maxEntries, maxTotalBytes, maxEntryBytes, maxRatio, ratioGraceBytes,
                maxEntryTime, maxBundleTime, chars);
    }
}
