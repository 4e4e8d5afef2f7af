package dev.bundleanalyzer.report;

import java.time.Duration;
import java.time.Instant;

/**
 * The bundle a report is about.
 *
 * @param path       the bundle path as given on the command line
 * @param name       its file name
 * @param size       bytes on disk (for a folder: sum of its files)
 * @param sha256     hex SHA-256 of the bundle file (for a folder: of its sorted relative paths and contents)
 * @param analyzedAt when the analysis started
 * @param elapsed    how long it took
 */
public record BundleInfo(String path, String name, long size, String sha256, Instant analyzedAt, Duration elapsed) {
}
