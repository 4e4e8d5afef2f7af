package dev.bundleanalyzer.rules;

import java.time.Instant;

/**
 * One place in the bundle that proves a finding.
 *
 * @param file   entry path inside the bundle
 * @param line   1-based line, or 0 for record-based sources
 * @param record event-log record number, or {@code null}
 * @param time   time of the record, or {@code null}
 * @param text   the line or record as written (already redacted where needed)
 */
public record Evidence(String file, long line, Long record, Instant time, String text) {
}
