package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server stopped with one bundle being analyzed and one waiting loses neither: the next start does both. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void queuedAndRunningUploadsAreAnalyzedAfterARestart() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        String running;
        String queued;
        // an analysis that does not end while the first server lives, as a large bundle would not
        try (ServeFixture first = ServeFixture.start(data, (job, bundle) -> never.await())) {
            running = first.upload(ServeFixture.SAMPLE).headers().firstValue("Location").orElseThrow()
                    .replace("/api/bundles/", "");
            Path damaged = ServeFixture.SAMPLES.resolve("damaged-bundle.zip");
            queued = first.upload(damaged).headers().firstValue("Location").orElseThrow().replace("/api/bundles/", "");
            first.waitFor(running, Set.of("running"), Duration.ofSeconds(10));
            first.waitFor(queued, Set.of("running", "queued"), Duration.ofSeconds(10));
            first.server.close(Duration.ofMillis(100));
        }
        try {
            assertTrue(Files.isRegularFile(data.resolve(JobQueue.DIR).resolve(running).resolve("job.json")));
            assertTrue(Files.isRegularFile(data.resolve(JobQueue.DIR).resolve(queued).resolve("job.json")));

            try (ServeFixture second = ServeFixture.start(data)) {
                JsonNode a = second.waitForEnd(running);
                JsonNode b = second.waitForEnd(queued);
                assertEquals("done", a.get("status").asText(), a.toString());
                assertEquals("FS01", a.get("host").asText());
                assertEquals("done", b.get("status").asText(), b.toString());
                assertEquals(200, second.get(a.at("/links/report").asText()).statusCode());
                assertEquals(List.of(), ServeFixture.files(data.resolve(JobQueue.DIR)), "the queue is empty");
                assertEquals(2, second.getJson("/api/bundles").size());
            }
        } finally {
            never.countDown();
        }
    }
}
