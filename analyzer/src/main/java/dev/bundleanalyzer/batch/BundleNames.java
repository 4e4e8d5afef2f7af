package dev.bundleanalyzer.batch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a file's name tells of it on a share or in a bucket: a bundle archive, or a file still being copied. */
public final class BundleNames {

    /** Names that copy tools give a file until it is complete. */
    private static final List<String> IN_PROGRESS_SUFFIXES = List.of(".partial", ".part", ".tmp", ".crdownload",
            ".filepart", ".download", ".!qb");

    /** Names of the archive types a bundle comes in. */
    private static final List<String> ARCHIVE_NAMES = List.of(".zip", ".7z", ".tar", ".tgz", ".tar.gz", ".gz");

    private BundleNames() {
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
