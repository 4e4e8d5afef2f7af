package dev.bundleanalyzer.cluster;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * What one task did with one bundle: kept by the task in the run's staging folder under a name of that bundle's
 * own ({@link OutcomeFiles}), so that a retried or speculative attempt replaces it rather than adding a second.
 *
 * @param kind       what became of it
 * @param sha256     its content's SHA-256, or null when it could not be read
 * @param reason     why it failed, or null
 * @param attempts   the task attempt that produced this outcome (1 = the first)
 * @param report     URI of its report folder, or null
 * @param analyzedAt when its analysis ended (or was given up)
 */
record BundleOutcome(Kind kind, String sha256, String bundle, String source, long size, Instant modified,
                     String reason, int attempts, String host, String agentVersion, String worst, String report,
                     Instant dataFrom, Instant dataTo, Instant analyzedAt, List<FindingRow> findings)
        implements Serializable {

    enum Kind {
        /** analyzed; its findings go to the tables */
        ANALYZED,
        /** the bundle itself cannot be analyzed (not an archive, damaged beyond reading, over a limit) */
        FAILED,
        /** it could not be read, or its report not written, in any attempt: recorded, and tried again next run */
        RETRY_LATER,
        /** its content was analyzed already (found under another name or place) */
        UNCHANGED
    }

    /** One finding as the findings table keeps it. */
    record FindingRow(String rule, String severity, String title, String titleKo, long count, Instant first,
                      Instant last)
            implements Serializable {
    }

    BundleOutcome {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** An instant as Spark's rows take a timestamp. */
    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
