package dev.bundleanalyzer.cluster;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark job of a run: one task per bundle, each writing its outcome to the run's staging folder under a name
 * of its bundle's own ({@link OutcomeFiles}). A task that fails in every attempt for a reason the task itself
 * cannot catch (its executor killed for memory, a JVM crash, a bug) aborts a Spark job; here it costs only that
 * bundle, recorded as failed with Spark's reason, and a new job runs the bundles whose tasks were cancelled with
 * it (those that completed keep their outcomes).
 */
final class AnalysisStage {

    /** Aborted jobs in one run that make it give up: one bundle each is a few bad bundles, more is the cluster. */
    private static final int MAX_ABORTED_JOBS = 10;

    private final SparkSession spark;
    private final JobSettings settings;

    AnalysisStage(SparkSession spark, JobSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** The outcome of every bundle of {@code todo}, in no particular order. */
    List<BundleOutcome> run(List<SourceFile> todo, Set<String> knownShas, String staging, String runId)
            throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Set<String>> known = jsc.broadcast(settings.force() ? Set.of() : Set.copyOf(knownShas));
        OutcomeFiles files = new OutcomeFiles(Tables.location(staging, "outcomes"));
        Map<String, BundleOutcome> bySource = new HashMap<>();
        List<SourceFile> remaining = new ArrayList<>(todo);
        try {
            for (int round = 0; !remaining.isEmpty(); round++) {
                String group = "bundle-analyzer-" + runId + "-" + round;
                jsc.setJobGroup(group, "analyze " + remaining.size() + " bundle(s)", false);
                TaskFailures failures = new TaskFailures(group);
                spark.sparkContext().addSparkListener(failures);
                Exception aborted = null;
                try {
                    jsc.parallelize(remaining, remaining.size()) // a task per bundle
                            .foreach(new BundleTask(settings, known, jsc.hadoopConfiguration(), files));
                } catch (Exception e) {
                    aborted = e;
                } finally {
                    spark.sparkContext().removeSparkListener(failures);
                }
                for (BundleOutcome o : files.readAll(jsc)) {
                    bySource.put(o.source(), o);
                }
                if (aborted != null) {
                    if (round + 1 >= MAX_ABORTED_JOBS) {
                        throw new IOException("the analysis job was aborted " + (round + 1) + " times, each time by"
                                + " another bundle; the cluster may be failing: " + aborted.getMessage(), aborted);
                    }
                    Lost lost = lost(aborted, failures, remaining);
                    bySource.putIfAbsent(lost.file().uri(), lost.outcome());
                }
                remaining.removeIf(f -> bySource.containsKey(f.uri()));
                if (aborted == null && !remaining.isEmpty()) {
                    throw new IOException("the analysis job ended without an outcome for " + remaining.get(0).uri());
                }
            }
        } finally {
            jsc.clearJobGroup();
            known.destroy();
        }
        return new ArrayList<>(bySource.values());
    }

    /** A bundle whose task failed in every attempt, how many there were, and the last one's error. */
    private record Lost(SourceFile file, int attempts, String cause) {

        BundleOutcome outcome() {
            String reason = "its task failed " + attempts + " time(s), the last time with: " + cause
                    + " (an executor lost for memory fails this way; --force to try it again)";
            return new BundleOutcome(BundleOutcome.Kind.FAILED, null, file.name(), file.uri(), file.size(),
                    Instant.ofEpochMilli(file.modified()), reason, attempts, null, null, null, null, null, null,
                    Instant.now(), List.of());
        }
    }

    /** The bundle whose task aborted the job, or the job's failure as the run's when no task is to blame. */
    private Lost lost(Exception e, TaskFailures failures, List<SourceFile> remaining) throws IOException {
        Optional<TaskFailures.Exhausted> task;
        try {
            task = failures.exhausted(settings.maxAttempts(), Duration.ofSeconds(30));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the analysis job failed: " + e.getMessage(), e);
        }
        if (task.isPresent() && task.get().index() < remaining.size()) {
            // one element per partition, in list order
            return new Lost(remaining.get(task.get().index()), task.get().attempts(), task.get().cause());
        }
        throw new IOException("the analysis job failed: " + e.getMessage(), e);
    }

}
