package dev.bundleanalyzer.batch;

import java.time.Instant;
import java.util.List;

/**
 * What the batch knows of one bundle it has seen, as kept in {@code batch.json} of its report folder.
 *
 * @param sha256     identity of the bundle's content
 * @param name       the bundle's file or folder name
 * @param source     where it was found
 * @param size       its size in bytes
 * @param modified   its modification time (when it arrived on the share)
 * @param status     {@code analyzed} or {@code failed}
 * @param reason     why it failed, else null
 * @param analyzedAt when it was analyzed
 * @param host       host name of the machine, when the bundle tells it
 * @param worst      severity of its most severe finding, or null when it has none
 * @param findings   its findings, most severe first
 * @param dataFrom   earliest event time in the bundle, or null
 * @param dataTo     latest event time in the bundle, or null
 */
public record StoredBundle(String sha256, String name, String source, long size, Instant modified, String status,
                    String reason, Instant analyzedAt, String host, String worst, List<FindingLine> findings,
                    Instant dataFrom, Instant dataTo) {

    public static final String ANALYZED = "analyzed";
    public static final String FAILED = "failed";

    public StoredBundle {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** One finding of a bundle, as the batch summary lists it, with its title in both report languages. */
    public record FindingLine(String rule, String severity, String titleEn, String titleKo, long count) {

        public String title(String lang) {
            return "ko".equals(lang) && titleKo != null ? titleKo : titleEn;
        }
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
