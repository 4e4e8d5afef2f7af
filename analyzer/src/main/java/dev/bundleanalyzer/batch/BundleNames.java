package dev.bundleanalyzer.batch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file's name tells of it on a share or in a bucket: a bundle archive, a file still being copied, or a log that
 * makes its folder an extracted bundle.
 */
public final class BundleNames {

    /** Names that copy tools give a file until it is complete. */
    private static final List<String> IN_PROGRESS_SUFFIXES = List.of(".partial", ".part", ".tmp", ".crdownload",
            ".filepart", ".download", ".!qb");

    /** Names of the archive types a bundle comes in. */
    private static final List<String> ARCHIVE_NAMES = List.of(".zip", ".7z", ".tar", ".tgz", ".tar.gz", ".gz");

    /** How deep below a folder an agent log or event log makes it a bundle: in it, or in a folder of it (Temp/). */
    public static final int FOLDER_BUNDLE_DEPTH = 2;

    private BundleNames() {
    }

    /**
     * True for an agent trace log or an event log: what a collected MARS bundle always has, and so what makes a
     * folder that holds one near its top an extracted bundle.
     */
    public static boolean isBundleLog(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".errlog") || lower.endsWith(".evtx");
    }

    /** True when the name ends like an archive type a bundle comes in (any case). */
    public static boolean isArchiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ARCHIVE_NAMES.stream().anyMatch(lower::endsWith);
    }

    /** The ending that marks the file as still being copied, if its name has one. */
    public static Optional<String> inProgressSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return IN_PROGRESS_SUFFIXES.stream().filter(lower::endsWith).findFirst();
    }
}
