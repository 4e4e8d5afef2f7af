package dev.bundleanalyzer.batch;

import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns every bundle under a folder into a report folder under the output folder, each bundle content once:
 * finds the bundles, leaves those still being copied, skips those already analyzed (by SHA-256) unless forced,
 * analyzes the rest a few at a time, each isolated from the others, and writes the summary of the whole store.
 */
public final class BatchRunner {

    /** Exit code when some bundle could not be analyzed; it wins over {@code 4}. */
    public static final int SOME_FAILED = 5;

    /**
     * @param jobs   bundles analyzed at once
     * @param since  only bundles modified at or after this time, or null for all
     * @param settle how long a bundle must keep its size and time before it counts as complete
     * @param index  whether each report keeps its full-text index (for {@code search})
     */
    public record Options(Path root, Path out, int jobs, boolean force, Instant since, String lang,
                          BundleLimits limits, boolean redact, Duration settle, boolean index) {
    }

    /** What the run did, bundle by bundle, and its exit code. */
    public record Result(List<Outcome> outcomes, int exitCode) {

        public long count(Outcome.Kind kind) {
            return outcomes.stream().filter(o -> o.kind() == kind).count();
        }
    }

    private final Options options;
    private final ReportMaker maker;

    public BatchRunner(List<Rule> rules, Options options) {
        this.options = options;
        this.maker = new ReportMaker(rules, new ReportMaker.Settings(options.lang(), options.limits(),
                options.redact(), options.index()));
    }

    /** Bundles analyzed at once when not told: one per core, as far as the heap gives each about 512 MiB. */
    public static int defaultJobs() {
        int cores = Runtime.getRuntime().availableProcessors();
        long byMemory = Runtime.getRuntime().maxMemory() / (512L << 20);
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    public Result run(BatchProgress progress) throws IOException {
        ReportStore store = ReportStore.open(options.out());
        BundleFinder.Found found = new BundleFinder(options.out(), options.settle()).find(options.root());
        List<Outcome> outcomes = new ArrayList<>();
        for (BundleFinder.Left left : found.left()) {
            outcomes.add(new Outcome(left.path(), Outcome.Kind.LEFT, left.reason(), null, 0, null));
        }
        HashCache hashes = HashCache.open(options.out());
        Map<String, Candidate> todo = new LinkedHashMap<>();
        Map<String, Path> seen = new java.util.HashMap<>(); // content -> the first bundle of this run that has it
        for (Candidate c : found.bundles()) {
            if (options.since() != null && c.modified().isBefore(options.since())) {
                outcomes.add(new Outcome(c.path(), Outcome.Kind.LEFT, "modified before --since", null, c.size(), null));
                continue;
            }
            String sha;
            try {
                sha = hashes.sha256(c);
            } catch (IOException e) {
                outcomes.add(new Outcome(c.path(), Outcome.Kind.LEFT, "cannot be read: " + e.getMessage()
                        + "; left for the next run", null, c.size(), null));
                continue;
            }
            Path first = seen.putIfAbsent(sha, c.path());
            if (first != null) {
                outcomes.add(new Outcome(c.path(), Outcome.Kind.DUPLICATE, "same content as " + first,
                        null, c.size(), null));
                continue;
            }
            var stored = store.find(sha);
            if (stored.isPresent() && !options.force()) {
                outcomes.add(new Outcome(c.path(), Outcome.Kind.UNCHANGED, (stored.get().failed() ? "failed" : "analyzed")
                        + " already on " + stored.get().analyzedAt() + " (--force to do it again)",
                        store.folderOf(sha).orElse(null), c.size(), stored.get().worst()));
                continue;
            }
            todo.put(sha, c);
        }
        hashes.save();

        for (Outcome o : outcomes) {
            progress.done(o);
        }
        progress.start(todo.size(), todo.values().stream().mapToLong(Candidate::size).sum());
        int perBundle = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, options.jobs()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.jobs()), r -> {
            Thread t = new Thread(r, "batch-bundle");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> running = new ArrayList<>();
            for (Map.Entry<String, Candidate> e : todo.entrySet()) {
                running.add(pool.submit(() -> {
                    Outcome o = analyze(store, e.getValue(), e.getKey(), perBundle);
                    progress.done(o);
                    return o;
                }));
            }
            for (Future<Outcome> f : running) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException ex) {
                    throw new IOException("the batch stopped: " + ex.getCause(), ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IOException("the batch was interrupted", ex);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        new BatchSummary(store).write(options.lang());
        return new Result(List.copyOf(outcomes), exitCode(outcomes));
    }

    /**
     * One bundle file whose SHA-256 is already known (the web front hashes an upload as it arrives) into a report
     * folder of {@code store}, as a run does each bundle it finds, whatever the store holds for it already. The
     * store must be the one of {@link Options#out()}, opened once and shared by every caller.
     */
    public Outcome analyzeOne(ReportStore store, Path bundle, String sha256) throws IOException {
        Candidate c = new Candidate(bundle, false, Files.size(bundle), Files.getLastModifiedTime(bundle).toInstant());
        int perBundle = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, options.jobs()));
        return analyze(store, c, sha256, perBundle);
    }

    /** One bundle into a report folder, whatever happens: an analysis that throws is recorded as failed. */
    private Outcome analyze(ReportStore store, Candidate c, String sha, int jobs) {
        long t0 = System.nanoTime();
        String name = c.path().getFileName().toString();
        Path work;
        try {
            work = store.newWork();
        } catch (IOException e) {
            return new Outcome(c.path(), Outcome.Kind.FAILED, "cannot write to " + options.out() + ": "
                    + e.getMessage(), null, c.size(), null);
        }
        ReportMaker.Made made = maker.make(c.path(), new ReportMaker.Source(name, c.path().toString(), c.size(),
                c.modified()), sha, work, jobs);
        StoredBundle record = made.record();
        String detail = record.failed() ? made.detail() : made.detail() + ", " + BatchProgress.megabytes(c.size())
                + " in " + BatchProgress.seconds(Duration.ofNanos(System.nanoTime() - t0));
        try {
            Path folder = store.commit(work, ReportMaker.folderName(name, sha), record);
            return new Outcome(c.path(), record.failed() ? Outcome.Kind.FAILED : Outcome.Kind.ANALYZED, detail,
                    folder, c.size(), record.worst());
        } catch (IOException e) {
            ReportStore.deleteTree(work);
            return new Outcome(c.path(), Outcome.Kind.FAILED, "cannot write its report: " + e.getMessage(), null,
                    c.size(), null);
        }
    }

    /** 5 when some bundle of this run failed, else 4 when one analyzed in it has an error or worse, else 0. */
    static int exitCode(List<Outcome> outcomes) {
        boolean failed = outcomes.stream().anyMatch(o -> o.kind() == Outcome.Kind.FAILED);
        if (failed) {
            return SOME_FAILED;
        }
        boolean serious = outcomes.stream().anyMatch(o -> o.kind() == Outcome.Kind.ANALYZED && o.worst() != null
                && Severity.valueOf(o.worst().toUpperCase(Locale.ROOT)).compareTo(Severity.ERROR) >= 0);
        return serious ? 4 : 0;
    }
}
