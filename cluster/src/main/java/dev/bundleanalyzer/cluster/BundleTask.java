package dev.bundleanalyzer.cluster;

import dev.bundleanalyzer.batch.ReportMaker;
import dev.bundleanalyzer.batch.ReportStore;
import dev.bundleanalyzer.batch.StoredBundle;
import dev.bundleanalyzer.report.AnalysisReport;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleFileException;
import dev.bundleanalyzer.rules.RuleLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One bundle in one Spark task: read from the input location to the task's local disk (its SHA-256 computed on
 * the way), analyzed with the same rules and report as {@code analyze}, its report folder committed to the output
 * location, and its outcome written to the run's staging folder. A bundle that cannot be analyzed is an outcome, never an
 * exception. A file system that fails (reading the bundle, writing the report) makes the attempt fail so that
 * Spark runs it again; the last attempt records the failure instead, so that the job itself never fails for it.
 */
final class BundleTask implements VoidFunction<SourceFile> {

    private final JobSettings settings;
    private final Broadcast<Set<String>> known;
    private final SerializableConfiguration hadoop;
    private final OutcomeFiles outcomes;

    BundleTask(JobSettings settings, Broadcast<Set<String>> known, Configuration hadoop, OutcomeFiles outcomes) {
        this.settings = settings;
        this.known = known;
        this.hadoop = new SerializableConfiguration(hadoop);
        this.outcomes = outcomes;
    }

    @Override
    public void call(SourceFile source) throws IOException {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 1 : task.attemptNumber() + 1;
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        // a file system that fails here fails the attempt: Spark runs it again, and the driver sees a task that
        // fails in every attempt
        outcomes.write(hadoop.get(), analyze(source, attempt, threads));
    }

    BundleOutcome analyze(SourceFile source, int attempt, int threads) throws IOException {
        Path tmp = Files.createTempDirectory("bundle-analyzer-task");
        try {
            Path local = tmp.resolve("bundle-" + safe(source.name()));
            String sha;
            try {
                sha = source.folder() ? HadoopFiles.copyFolderToLocal(hadoop.get(), source.uri(), local)
                        : HadoopFiles.copyToLocal(hadoop.get(), source.uri(), local);
            } catch (IOException e) {
                return retryOrGiveUp(source, null, attempt, "cannot be read: " + e.getMessage(), e);
            }
            if (!settings.force() && known.value().contains(sha)) {
                return new BundleOutcome(BundleOutcome.Kind.UNCHANGED, sha, source.name(), source.uri(),
                        source.size(), Instant.ofEpochMilli(source.modified()), null, attempt, null, null, null,
                        null, null, null, Instant.now(), List.of());
            }
            Path work = Files.createDirectory(tmp.resolve("report"));
            ReportMaker maker = new ReportMaker(Catalogue.RULES, settings.reportSettings());
            ReportMaker.Made made = maker.make(local, new ReportMaker.Source(source.name(), source.uri(),
                    source.size(), Instant.ofEpochMilli(source.modified())), sha, work, threads);
            made = namedBySource(made, local, source);
            ReportStore.deleteTree(local); // disk for the upload of an index as big as the bundle
            String report;
            try {
                report = new HadoopReportStore(hadoop.get(), settings.output())
                        .commit(work, ReportMaker.folderName(source.name(), sha), made.record());
            } catch (IOException e) {
                return retryOrGiveUp(source, sha, attempt, "its report cannot be written to " + settings.output()
                        + ": " + e.getMessage(), e);
            }
            return outcome(source, sha, attempt, made, report);
        } finally {
            ReportStore.deleteTree(tmp);
        }
    }

    private BundleOutcome retryOrGiveUp(SourceFile source, String sha, int attempt, String reason, IOException e)
            throws IOException {
        if (attempt < settings.maxAttempts()) {
            throw new IOException(source.uri() + ": " + reason + " (attempt " + attempt + " of "
                    + settings.maxAttempts() + ")", e);
        }
        return new BundleOutcome(BundleOutcome.Kind.RETRY_LATER, sha, source.name(), source.uri(), source.size(),
                Instant.ofEpochMilli(source.modified()), reason + (attempt > 1 ? " (in each of " + attempt
                + " attempts)" : "") + "; tried again by the next run", attempt, null, null, null, null, null, null,
                Instant.now(), List.of());
    }

    private static BundleOutcome outcome(SourceFile source, String sha, int attempt, ReportMaker.Made made,
                                         String report) {
        StoredBundle record = made.record();
        AnalysisReport analysis = made.report();
        List<BundleOutcome.FindingRow> findings = new ArrayList<>();
        if (analysis != null) {
            for (Finding f : analysis.findings()) {
                findings.add(new BundleOutcome.FindingRow(f.rule(), f.severity().label(), f.title().get("en"),
                        f.title().get("ko"), f.count(), f.first(), f.last()));
            }
        }
        return new BundleOutcome(record.failed() ? BundleOutcome.Kind.FAILED : BundleOutcome.Kind.ANALYZED, sha,
                source.name(), source.uri(), source.size(), Instant.ofEpochMilli(source.modified()),
                record.reason(), attempt, record.host(),
                analysis == null ? null : analysis.machine().get("agent.version"), record.worst(), report,
                record.dataFrom(), record.dataTo(), record.analyzedAt(), findings);
    }

    /** A reason that names the task's local copy names the bundle where the user put it. */
    private static ReportMaker.Made namedBySource(ReportMaker.Made made, Path local, SourceFile source) {
        StoredBundle r = made.record();
        if (r.reason() == null || !r.reason().contains(local.toString())) {
            return made;
        }
        String reason = r.reason().replace(local.toString(), source.uri());
        return new ReportMaker.Made(new StoredBundle(r.sha256(), r.name(), r.source(), r.size(), r.modified(),
                r.status(), reason, r.analyzedAt(), r.host(), r.worst(), r.findings(), r.dataFrom(), r.dataTo()),
                made.report(), reason);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The rule catalogue, loaded once per executor JVM from the application's own resources. */
    private static final class Catalogue {
        static final List<Rule> RULES = load();

        private static List<Rule> load() {
            try {
                return new RuleLoader().loadCatalogue();
            } catch (RuleFileException e) {
                throw new UncheckedIOException(new IOException("bad rule file in the application: "
                        + e.getMessage(), e));
            }
        }
    }
}
