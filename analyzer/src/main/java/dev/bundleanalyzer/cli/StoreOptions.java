package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.batch.BatchRunner;
import dev.bundleanalyzer.bundle.BundleLimits;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How the commands that keep one report per bundle content in a store ({@code batch}, {@code serve}) analyze each
 * bundle: the same options, the same defaults, the same checks.
 */
final class StoreOptions {

    @Option(names = "--jobs", paramLabel = "N", description = "bundles analyzed at once (default: by cores and memory)")
    Integer jobs;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|ko", description = "report language (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--no-redact", description = "keep passwords, keys and tokens in the reports (redacted by default)")
    boolean noRedact;

    @Option(names = "--no-index", description = "skip the full-text index of each bundle: the same findings and reports"
            + " in a fraction of the time; search finds nothing in them")
    boolean noIndex;

    @Option(names = "--max-bundle-time", paramLabel = "TIME", converter = DurationConverter.class,
            description = "longest time one bundle may take (default: 60m)")
    Duration maxBundleTime = BundleLimits.DEFAULTS.maxBundleTime();

    /** Checks what picocli does not: the language, the number of jobs. */
    void check(CommandLine.Model.CommandSpec spec) {
        Main.requireLanguage(spec, lang);
        if (jobs != null && jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
    }

    int jobs() {
        return jobs != null ? jobs : BatchRunner.defaultJobs();
    }

    BundleLimits limits() {
        return BundleLimits.DEFAULTS.withTimes(BundleLimits.DEFAULTS.maxEntryTime(), maxBundleTime);
    }
}
