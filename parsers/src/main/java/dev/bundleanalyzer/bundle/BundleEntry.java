package dev.bundleanalyzer.bundle;

import java.time.Instant;

/**
 * A regular file inside a bundle.
 *
 * @param path     display path: entry name with {@code /} separators; inside a nested archive
 *                 {@code outer.zip!/inner/path}. Never used to build a file-system path.
 * @param size     uncompressed size when the archive declares it, else -1
 * @param modified modification time when the archive records one, else {@code null}
 */
public record BundleEntry(String path, long size, Instant modified) {

    /** Last path segment, for detection by name. */
    public String fileName() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('!'));
        return path.substring(slash + 1);
    }
}
