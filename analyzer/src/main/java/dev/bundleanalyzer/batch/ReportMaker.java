package dev.bundleanalyzer.batch;

import dev.bundleanalyzer.analysis.BundleAnalyzer;
import dev.bundleanalyzer.bundle.BundleException;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.report.AnalysisReport;
import dev.bundleanalyzer.report.ReportFiles;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One bundle file into the files of its report folder and the record that says what became of it: the piece a
 * batch run, the web front and a cluster task share, so that each writes the same report for the same bundle.
 * A bundle that cannot be analyzed is never an exception here: it is a failed record with the reason, and its
 * folder is left empty of partial reports.
 */
public final class ReportMaker {

    /**
     * @param lang   language of the report pages
     * @param redact whether secrets are masked in the reports
     * @param index  whether the report keeps its full-text index (for {@code search})
     */
    public record Settings(String lang, BundleLimits limits, boolean redact, boolean index) {
    }

    /** A bundle as found, before it is analyzed: its name, where it was found, its size and time. */
    public record Source(String name, String location, long size, Instant modified) {
    }

    /**
     * What became of a bundle.
     *
     * @param record  what {@code batch.json} keeps
     * @param report  the analysis, or null when it failed
     * @param detail  one sentence for a log: what was found, or why it failed
     */
    public record Made(StoredBundle record, AnalysisReport report, String detail) {
    }

    private final List<Rule> rules;
    private final Settings settings;

    public ReportMaker(List<Rule> rules, Settings settings) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
    }

    /**
     * Analyzes {@code bundle} (a local file or folder) and writes its report files into the empty folder
     * {@code work}, using up to {@code threads} threads.
     */
    public Made make(Path bundle, Source source, String sha256, Path work, int threads) {
        try {
            BundleAnalyzer analyzer = new BundleAnalyzer(rules, settings.limits(), threads, settings.redact());
            AnalysisReport report = (settings.index() ? analyzer : analyzer.withoutIndex())
                    .analyze(bundle, work.resolve("index"));
            ReportFiles.write(report, settings.lang(), ReportFiles.ALL, work);
            StoredBundle record = analyzed(source, sha256, report);
            String detail = report.findings().size() + " finding(s)"
                    + (record.worst() == null ? "" : ", worst " + record.worst());
            return new Made(record, report, detail);
        } catch (BundleException e) {
            return failed(source, sha256, e.getMessage(), work);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // a bug or an exhausted resource on one bundle must not end the run: it is recorded and reported
            String reason = "the analysis failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
            return failed(source, sha256, reason, work);
        }
    }

    private static Made failed(Source source, String sha256, String reason, Path work) {
        emptyFolder(work);
        StoredBundle record = new StoredBundle(sha256, source.name(), source.location(), source.size(),
                source.modified(), StoredBundle.FAILED, reason, Instant.now(), null, null, List.of(), null, null);
        return new Made(record, null, reason);
    }

    private static StoredBundle analyzed(Source source, String sha256, AnalysisReport report) {
        List<StoredBundle.FindingLine> lines = new ArrayList<>();
        Severity worst = null;
        for (Finding f : report.findings()) {
            lines.add(new StoredBundle.FindingLine(f.rule(), f.severity().label(), f.title().get("en"),
                    f.title().get("ko"), f.count()));
            worst = worst == null || f.severity().compareTo(worst) > 0 ? f.severity() : worst;
        }
        return new StoredBundle(sha256, source.name(), source.location(), source.size(), source.modified(),
                StoredBundle.ANALYZED, null, Instant.now(), report.machine().get("host.name"),
                worst == null ? null : worst.label(), lines, report.timeFrom(), report.timeTo());
    }

    /** What a failed analysis left in its folder (a partial index or page) is not a report: it goes. */
    private static void emptyFolder(Path work) {
        try (Stream<Path> children = Files.list(work)) {
            children.forEach(ReportStore::deleteTree);
        } catch (IOException ignored) {
            // the caller's commit of a failed record writes only batch.json; leftovers are harmless files
        }
    }

    /** The bundle's name, made safe for a folder name, and the start of its SHA-256: unique and readable. */
    public static String folderName(String name, String sha) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        return safe + "-" + sha.substring(0, 12).toLowerCase(Locale.ROOT);
    }
}
