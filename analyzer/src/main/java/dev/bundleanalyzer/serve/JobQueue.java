package dev.bundleanalyzer.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bundleanalyzer.batch.ReportStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Uploads not yet analyzed, kept on disk so that a restart loses none: one folder per bundle under
 * {@code .queue} of the data folder, holding the bundle and its {@code job.json}. The record is written after
 * the bundle is in place, so a folder without one is an admission cut short and is removed at the next start.
 * A job that was running when the server stopped is queued again. A bundle leaves the queue only once its
 * report (or its failure) is committed to the store, so at every moment it is in one or the other.
 */
final class JobQueue {

    static final String DIR = ".queue";
    private static final String RECORD = "job.json";
    /** A file name longer than any file system keeps is shown cut. */
    private static final int MAX_NAME = 255;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final ReportStore store;
    private final Map<String, QueuedJob> jobs = new LinkedHashMap<>(); // guarded by this
    private final BlockingQueue<String> waiting = new LinkedBlockingQueue<>();

    private JobQueue(Path dir, ReportStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** What became of an upload offered to the queue. */
    record Admission(String id, boolean fresh) {
    }

    /** Opens the queue of {@code data}, requeueing what a stopped server left, oldest first. */
    static JobQueue open(Path data, ReportStore store) throws IOException {
        JobQueue queue = new JobQueue(Files.createDirectories(data.resolve(DIR)), store);
        List<QueuedJob> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(queue.dir)) {
            for (Path folder : children.toList()) {
                Optional<QueuedJob> job = queue.recover(folder);
                if (job.isPresent()) {
                    found.add(job.get());
                } else {
                    ReportStore.deleteTree(folder);
                }
            }
        }
        found.sort(Comparator.comparing(QueuedJob::received));
        for (QueuedJob job : found) {
            QueuedJob again = job.state() == QueuedJob.State.RUNNING ? job.with(QueuedJob.State.QUEUED, null) : job;
            if (again != job) {
                queue.write(again);
            }
            queue.jobs.put(again.id(), again);
            if (again.state() == QueuedJob.State.QUEUED) {
                queue.waiting.add(again.id());
            }
        }
        return queue;
    }

    /** The job a queue folder holds, or empty when the folder is to be removed. */
    private Optional<QueuedJob> recover(Path folder) {
        String id = folder.getFileName().toString();
        if (!BundleIds.valid(id) || !Files.isRegularFile(folder.resolve(RECORD))) {
            return Optional.empty();
        }
        QueuedJob job;
        try {
            job = JSON.readValue(folder.resolve(RECORD).toFile(), QueuedJob.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean consistent = id.equals(job.id()) && job.state() != null && job.received() != null
                && UploadNames.isSafe(job.file());
        boolean stillToDo = job.state() == QueuedJob.State.FAILED || Files.isRegularFile(folder.resolve(job.file()));
        // a report committed just before the server stopped: the job is done
        boolean done = store.find(id).isPresent();
        return consistent && stillToDo && !done ? Optional.of(job) : Optional.empty();
    }

    /**
     * Takes over {@code upload} (a complete file of the data folder's file system) as bundle {@code id}, unless
     * that content is queued or analyzed already; then the upload is deleted and the admission is not fresh.
     * A job that failed before its analysis could start is tried again.
     */
    synchronized Admission admit(Path upload, String id, String name, long size) throws IOException {
        QueuedJob known = jobs.get(id);
        if ((known != null && known.state() != QueuedJob.State.FAILED) || store.find(id).isPresent()) {
            Files.deleteIfExists(upload);
            return new Admission(id, false);
        }
        Path folder = dir.resolve(id);
        ReportStore.deleteTree(folder);
        String shown = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        QueuedJob job = new QueuedJob(id, shown, UploadNames.safe(name), size, Instant.now(), QueuedJob.State.QUEUED,
                null);
        try {
            Files.createDirectories(folder);
            move(upload, folder.resolve(job.file()));
            write(job);
        } catch (IOException e) {
            ReportStore.deleteTree(folder);
            throw e;
        }
        jobs.put(id, job);
        waiting.add(id);
        return new Admission(id, true);
    }

    /** The next queued job, marked running, or empty when none came within {@code wait}. */
    Optional<QueuedJob> next(Duration wait) throws InterruptedException, IOException {
        String id = waiting.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (id == null) {
            return Optional.empty();
        }
        synchronized (this) {
            QueuedJob job = jobs.get(id);
            if (job == null || job.state() != QueuedJob.State.QUEUED) {
                return Optional.empty();
            }
            QueuedJob running = job.with(QueuedJob.State.RUNNING, null);
            write(running);
            jobs.put(id, running);
            return Optional.of(running);
        }
    }

    /** Where the job's bundle is. */
    Path bundle(QueuedJob job) {
        return dir.resolve(job.id()).resolve(job.file());
    }

    /** The job's outcome is in the store: it leaves the queue. */
    synchronized void finish(String id) {
        jobs.remove(id);
        ReportStore.deleteTree(dir.resolve(id));
    }

    /** The job could not be analyzed at all; it stays listed with the reason, without its bundle. */
    synchronized void fail(String id, String reason) {
        QueuedJob job = jobs.get(id);
        if (job == null) {
            return;
        }
        QueuedJob failed = job.with(QueuedJob.State.FAILED, reason);
        jobs.put(id, failed);
        try {
            Files.deleteIfExists(bundle(job));
            write(failed);
        } catch (IOException e) {
            // listed as failed until the next start, which then forgets it
        }
    }

    synchronized Optional<QueuedJob> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Every job, in the order they arrived. */
    synchronized List<QueuedJob> all() {
        return List.copyOf(jobs.values());
    }

    private void write(QueuedJob job) throws IOException {
        Path folder = dir.resolve(job.id());
        Path tmp = folder.resolve(RECORD + ".tmp");
        JSON.writeValue(tmp.toFile(), job);
        move(tmp, folder.resolve(RECORD));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
