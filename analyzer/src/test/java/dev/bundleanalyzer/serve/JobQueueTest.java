package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.batch.ReportStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue as a restart finds it on disk: whole jobs come back, running ones as queued, the rest is removed. */
class JobQueueTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path data;

    @Test
    void aRestartRequeuesWholeJobsAndRemovesWhatIsNotOne() throws Exception {
        ReportStore store = ReportStore.open(data);
        JobQueue before = JobQueue.open(data, store);
        before.admit(upload("first"), A, "first.zip", 5);
        before.admit(upload("second"), B, "second.zip", 6);
        QueuedJob running = before.next(Duration.ofSeconds(1)).orElseThrow();
        assertEquals(A, running.id());
        assertEquals(QueuedJob.State.RUNNING, before.get(A).orElseThrow().state());

        Path queue = data.resolve(JobQueue.DIR);
        Files.createDirectories(queue.resolve("c".repeat(64))).resolve("cut-short.zip").toFile().createNewFile();
        Files.createDirectories(queue.resolve("not-an-id"));

        JobQueue after = JobQueue.open(data, ReportStore.open(data));
        assertEquals(List.of(A, B), after.all().stream().map(QueuedJob::id).toList(), "oldest first");
        assertTrue(after.all().stream().allMatch(j -> j.state() == QueuedJob.State.QUEUED), "the running one again");
        assertEquals("first", Files.readString(after.bundle(after.get(A).orElseThrow())));
        assertFalse(Files.exists(queue.resolve("c".repeat(64))), "an admission cut short is removed");
        assertFalse(Files.exists(queue.resolve("not-an-id")));
        assertEquals(A, after.next(Duration.ofSeconds(1)).orElseThrow().id());
        assertEquals(B, after.next(Duration.ofSeconds(1)).orElseThrow().id());
    }

    @Test
    void contentQueuedAlreadyIsNotQueuedTwice() throws Exception {
        JobQueue queue = JobQueue.open(data, ReportStore.open(data));
        assertTrue(queue.admit(upload("same"), A, "one.zip", 4).fresh());
        Path again = upload("same");
        assertFalse(queue.admit(again, A, "two.zip", 4).fresh());
        assertFalse(Files.exists(again), "the second copy is deleted");
        assertEquals(1, queue.all().size());
        assertEquals("one.zip", queue.all().get(0).name());
    }

    private Path upload(String content) throws Exception {
        Path spool = Files.createDirectories(data.resolve(UploadRoutes.SPOOL));
        return Files.writeString(Files.createTempFile(spool, "upload-", ""), content);
    }
}
