package dev.bundleanalyzer.cluster;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark job of a run: one task per bundle, their outcomes written by Spark's writer to the run's staging
 * folder (one committed attempt per task, so a retried or speculative task leaves one outcome). A task that fails
 * in every attempt for a reason the task itself cannot catch (its executor killed for memory, a JVM crash, a bug)
 * aborts a Spark job; here it costs only that bundle, which becomes a failure to try again next run, and the job
 * is run again for the others.
 */
final class AnalysisStage {

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
        List<BundleOutcome> outcomes = new ArrayList<>();
        List<SourceFile> remaining = new ArrayList<>(todo);
        try {
            for (int round = 0; !remaining.isEmpty(); round++) {
                String dir = Tables.location(staging, "outcomes-" + round);
                String group = "bundle-analyzer-" + runId + "-" + round;
                jsc.setJobGroup(group, "analyze " + remaining.size() + " bundle(s)", false);
                TaskFailures failures = new TaskFailures(group);
                spark.sparkContext().addSparkListener(failures);
                try {
                    JavaRDD<SourceFile> files = jsc.parallelize(remaining, remaining.size()); // a task per bundle
                    spark.createDataFrame(files.map(new BundleTask(settings, known,
                            spark.sparkContext().hadoopConfiguration())), BundleOutcome.SCHEMA).write().parquet(dir);
                } catch (Exception e) {
                    Lost lost = lost(e, failures, remaining);
                    outcomes.add(lost.outcome());
                    remaining.remove(lost.file());
                    continue;
                } finally {
                    spark.sparkContext().removeSparkListener(failures);
                }
                for (Row r : spark.read().schema(BundleOutcome.SCHEMA).parquet(dir).collectAsList()) {
                    outcomes.add(BundleOutcome.fromRow(r));
                }
                remaining.clear();
            }
        } finally {
            jsc.clearJobGroup();
            known.destroy();
        }
        return outcomes;
    }

    /** A bundle whose task failed in every attempt, how many there were, and the last one's error. */
    private record Lost(SourceFile file, int attempts, String cause) {

        BundleOutcome outcome() {
            String reason = "its task failed " + attempts + " time(s), the last time with: " + cause
                    + "; tried again by the next run";
            return new BundleOutcome(BundleOutcome.Kind.RETRY_LATER, null, file.name(), file.uri(), file.size(),
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
