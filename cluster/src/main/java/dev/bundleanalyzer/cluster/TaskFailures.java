package dev.bundleanalyzer.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The failed attempts of the tasks of one job group, by task index, as Spark's listener bus reports them: what
 * tells which bundle's task aborted a job (the job's own exception names the task's error, not the task).
 */
final class TaskFailures extends SparkListener {

    /** A task that failed as many times as Spark tries it, and its last error's innermost cause. */
    record Exhausted(int index, int attempts, String cause) {
    }

    private final String group;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> failures = new ConcurrentHashMap<>();
    private final Map<Integer, String> causes = new ConcurrentHashMap<>();

    TaskFailures(String group) {
        this.group = group;
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        if (job.properties() != null && group.equals(job.properties().getProperty("spark.jobGroup.id"))) {
            for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
                stages.add((Integer) stage);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        if (!stages.contains(task.stageId()) || !(task.reason() instanceof TaskFailedReason failed)
                || failed instanceof TaskKilled || !failed.countTowardsTaskFailures()) {
            return;
        }
        int index = task.taskInfo().index();
        failures.merge(index, 1, Integer::sum);
        causes.put(index, rootCause(failed.toErrorString()));
    }

    /** Of an error with its stack trace, the innermost cause's line: what went wrong, not who reported it. */
    static String rootCause(String error) {
        String cause = error.lines().findFirst().orElse("").strip();
        for (String line : error.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).strip();
            }
        }
        return cause;
    }

    /**
     * The task that failed {@code attempts} times, waiting up to {@code wait} for the listener bus (which
     * delivers events on its own thread) to report it.
     */
    Optional<Exhausted> exhausted(int attempts, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        do {
            for (Map.Entry<Integer, Integer> e : failures.entrySet()) {
                if (e.getValue() >= attempts) {
                    return Optional.of(new Exhausted(e.getKey(), e.getValue(), causes.get(e.getKey())));
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        return Optional.empty();
    }
}
