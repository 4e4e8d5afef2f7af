package dev.bundleanalyzer.cluster;

import dev.bundleanalyzer.batch.ReportMaker;
import dev.bundleanalyzer.bundle.BundleLimits;
import java.io.Serializable;
import java.time.Duration;

/**
 * What every task of a run needs to know, sent to the executors with each task.
 *
 * @param output        the output location (a Hadoop file system URI)
 * @param force         whether bundles already in the tables are analyzed again
 * @param lang          report language
 * @param redact        whether secrets are masked in the reports
 * @param index         whether report folders keep their full-text index
 * @param maxBundleTime longest time one bundle may take
 * @param maxAttempts   how many times Spark runs a task before it gives up (the last attempt records a failure
 *                      rather than throwing, so that a bad bundle never fails the job)
 */
public record JobSettings(String output, boolean force, String lang, boolean redact, boolean index,
                          Duration maxBundleTime, int maxAttempts) implements Serializable {

    ReportMaker.Settings reportSettings() {
        BundleLimits limits = BundleLimits.DEFAULTS.withTimes(BundleLimits.DEFAULTS.maxEntryTime(), maxBundleTime);
        return new ReportMaker.Settings(lang, limits, redact, index);
    }
}
