package dev.bundleanalyzer.serve;

import dev.bundleanalyzer.batch.ReportStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every bundle the server knows, from the queue and the report store, by id. */
final class BundleCatalog {

    private final JobQueue queue;
    private final ReportStore store;
    private final String lang;

    BundleCatalog(JobQueue queue, ReportStore store, String lang) {
        this.queue = queue;
        this.store = store;
        this.lang = lang;
    }

    /** The queue first: a bundle being analyzed again has its old report in the store until the new one lands. */
    Optional<BundleStatus> find(String id) {
        Optional<QueuedJob> job = queue.get(id);
        if (job.isPresent()) {
            return job.map(BundleStatus::of);
        }
        Optional<Path> folder = store.folderOf(id);
        return folder.flatMap(f -> store.find(id).map(b -> BundleStatus.of(new ReportStore.Stored(f, b), lang)));
    }

    /** The queue, newest first, then the store, most recently analyzed first. */
    List<BundleStatus> all() throws IOException {
        List<BundleStatus> out = new ArrayList<>();
        List<QueuedJob> jobs = new ArrayList<>(queue.all());
        jobs.sort(Comparator.comparing(QueuedJob::received).reversed());
        jobs.forEach(j -> out.add(BundleStatus.of(j)));
        List<BundleStatus> stored = new ArrayList<>();
        for (ReportStore.Stored s : store.all()) {
            if (queue.get(s.bundle().sha256()).isEmpty()) {
                stored.add(BundleStatus.of(s, lang));
            }
        }
        stored.sort(Comparator.comparing(BundleStatus::analyzedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        out.addAll(stored);
        return out;
    }

    /** The report folder of an analyzed bundle. */
    Optional<Path> reportFolder(String id) {
        return store.find(id).filter(b -> !b.failed()).flatMap(b -> store.folderOf(id));
    }
}
