package dev.bundleanalyzer.batch;

import java.nio.file.Path;

/**
 * What a batch run did with one bundle it found.
 *
 * @param kind   what happened
 * @param detail a sentence for the log: the reason, or what the analysis found
 * @param report the bundle's report folder, when it has one
 * @param bytes  the bundle's size
 */
public record Outcome(Path path, Kind kind, String detail, Path report, long bytes, String worst) {

    public enum Kind {
        /** analyzed in this run */
        ANALYZED,
        /** could not be analyzed; recorded with the reason */
        FAILED,
        /** a report of the same content exists already */
        UNCHANGED,
        /** same content as another bundle of this run */
        DUPLICATE,
        /** left for a later run (being copied, older than --since, unreadable) */
        LEFT
    }
}
