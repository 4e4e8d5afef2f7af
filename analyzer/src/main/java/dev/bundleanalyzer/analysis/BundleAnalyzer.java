package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.bundle.BundleException;
import dev.bundleanalyzer.bundle.Deadline;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.bundle.BundleReader;
import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.index.BundleIndexWriter;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Note;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Skim;
import dev.bundleanalyzer.parse.VisibleText;
import dev.bundleanalyzer.redact.Redactor;
import dev.bundleanalyzer.report.AnalysisReport;
import dev.bundleanalyzer.report.BundleInfo;
import dev.bundleanalyzer.report.EvidenceContexts;
import dev.bundleanalyzer.report.Timeline;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.rules.RuleEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The engine behind every front (analyze, batch, search, serve): reads one bundle, parses and indexes every
 * entry, runs the rules and returns what a report shows.
 */
public final class BundleAnalyzer {

    /** Facts shown in the report header, in order, when the bundle has them. */
    private static final List<String> MACHINE_FACTS = List.of(
            "host.name", "os.name", "os.version", "agent.version", "powershell.version", "timezone.id");

    private static final String BUILD_PROPERTIES = "/META-INF/maven/dev.bundleanalyzer/analyzer/pom.properties";

    private final List<Rule> rules;
    private final BundleLimits limits;
    private final int jobs;
    private final ContentDetector detector;
    private final boolean redact;
    private boolean indexed = true;
    private Consumer<QueryRecorder.Match> firstMatch = m -> { };

    /**
     * @param jobs how many entries are parsed at once (1 = on the calling thread)
     */
    public BundleAnalyzer(List<Rule> rules, BundleLimits limits, int jobs) {
        this(rules, limits, jobs, true);
    }

    /**
     * @param redact whether secrets are removed from every record before it is indexed (the default); off only
     *               for {@code --no-redact}, and the report then says so
     */
    public BundleAnalyzer(List<Rule> rules, BundleLimits limits, int jobs, boolean redact) {
        this.rules = List.copyOf(rules);
        this.limits = limits;
        this.jobs = Math.max(1, jobs);
        this.detector = ContentDetector.standard();
        this.redact = redact;
    }

    /**
     * The same analysis without the full-text index: rules, timeline and report as usual, at the speed of reading
     * the bundle. The report has no search and no lines around the evidence.
     */
    public BundleAnalyzer withoutIndex() {
        BundleAnalyzer copy = new BundleAnalyzer(rules, limits, jobs, redact);
        copy.indexed = false;
        return copy;
    }

    /** Told of each rule's first match while the bundle is still being read (on a parser thread). */
    public BundleAnalyzer onFirstMatch(Consumer<QueryRecorder.Match> listener) {
        this.firstMatch = listener;
        return this;
    }

    /**
     * Analyzes a bundle, writing its Lucene index to {@code indexDir} (unless {@link #withoutIndex()}; its parent
     * folder holds the work files meanwhile).
     *
     * @throws BundleException when the bundle cannot be read at all (missing, not an archive)
     */
    public AnalysisReport analyze(Path bundle, Path indexDir) throws BundleException, IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        if (!Files.exists(bundle)) {
            throw new BundleException(bundle + ": no such file or folder");
        }
        // the bundle's SHA-256 takes a second a gigabyte: computed beside the reading, not before it
        java.util.concurrent.FutureTask<BundleFingerprint> fingerprinting =
                new java.util.concurrent.FutureTask<>(() -> BundleFingerprint.of(bundle));
        Thread fingerprinter = new Thread(fingerprinting, "bundle-fingerprint");
        fingerprinter.setDaemon(true);
        fingerprinter.start();
        Path workParent = indexDir.toAbsolutePath().getParent();
        Files.createDirectories(indexed ? indexDir : workParent);

        RuleEngine engine = new RuleEngine(rules);
        QueryRecorder recorded = new QueryRecorder(engine.demands());
        recorded.onFirstMatch(firstMatch);
        RecordTally tally = new RecordTally();
        List<InventoryItem> inventory;
        ExecutorService pool = jobs > 1 ? Executors.newFixedThreadPool(jobs, daemonThreads("bundle-entry")) : null;
        // a pool of its own: a parser waiting for room must not hold the threads its batches need
        ExecutorService recordPool = jobs > 1 ? Executors.newFixedThreadPool(jobs, daemonThreads("bundle-records"))
                : null;
        Deadline deadline = Deadline.after(limits.maxBundleTime(), "bundle");
        // entries waiting for the time zone and large nested 7z archives are copied beside the index, never
        // outside the output folder, and removed before the analysis returns
        Path spool = Files.createTempDirectory(workParent, ".work-");
        try (BundleIndexWriter writer = indexed ? new BundleIndexWriter(indexDir) : null) {
            AgentVersionWitness agentVersion = new AgentVersionWitness();
            Redactor redactor = redact ? Redactor.standard() : Redactor.off();
            if (!indexed) {
                // without an index, no event's text is kept but the rules' evidence: only that is cleaned
                recorded.cleanHits(text -> VisibleText.of(redactor.redact(text)));
            }
            RecordSink out = new CleanSink(tally, recorded, writer, agentVersion, redactor);
            HandOff handOff = new HandOff(out, recordPool, 2 * jobs, jobs);
            EntryParser entries = new EntryParser(detector, handOff, spool, limits.maxLineChars(),
                    limits.maxEntryTime(), deadline);
            BundleReader reader = new BundleReader(limits, pool, spool);
            inventory = reader.read(bundle, entries);
            ZoneId zone = entries.hasDeferred() ? MachineZone.of(tally.facts(), out) : null;
            inventory = cleanReasons(entries.parseDeferred(zone, inventory), redactor);
            handOff.drain();
            String stopped = reader.stoppedBy() != null ? reader.stoppedBy()
                    : deadline.passed() ? deadline.reason() : null;
            if (stopped != null) {
                // a report that looks clean because the reading stopped must not pass for a clean bundle
                tally.note("", "WARNING: the bundle was not read to its end (" + stopped.replace(": stopped, not read"
                        + " further", "") + "): the findings cover what was read; the inventory names each entry"
                        + " not finished");
            }
            agentVersion.fact(tally.facts()).ifPresent(out::fact);
            Instant latest = tally.maxTime() == null ? Instant.now() : Instant.ofEpochMilli(tally.maxTime());
            ZoneAgreement.of(tally.facts(), latest).ifPresent(out::fact);
            redactionNote(redactor).ifPresent(n -> tally.note("", n));
            if (!indexed) {
                tally.note("", "the bundle was analyzed without its full-text index (--no-index): no search, and no"
                        + " lines around the evidence");
            }
        } finally {
            for (ExecutorService threads : new ExecutorService[] {pool, recordPool}) {
                if (threads != null) {
                    threads.shutdownNow();
                }
            }
            deleteQuietly(spool);
        }
        List<Fact> facts = tally.facts();
        List<Note> notes = tally.notes();
        long events = tally.events();

        Map<String, List<Fact>> factsByKey = facts.stream()
                .collect(Collectors.groupingBy(f -> f.key().toLowerCase(Locale.ROOT), LinkedHashMap::new, Collectors.toList()));
        Set<String> parsedKinds = inventory.stream().filter(i -> i.status() == InventoryItem.Status.PARSED)
                .map(InventoryItem::kind).collect(Collectors.toCollection(TreeSet::new));
        Instant from = tally.minTime() == null ? null : Instant.ofEpochMilli(tally.minTime());
        Instant to = tally.maxTime() == null ? null : Instant.ofEpochMilli(tally.maxTime());
        RuleEngine.Outcome outcome = engine.evaluate(new RuleEngine.Context(recorded, factsByKey, inventory, notes,
                parsedKinds));
        List<Finding> findings = outcome.findings();
        if (indexed) {
            // the report shows each evidence line among its neighbours, read back from the index, not the bundle
            try (BundleIndex index = BundleIndex.open(indexDir)) {
                findings = EvidenceContexts.attach(findings, index);
            }
        }
        Timeline timeline = Timeline.of(tally.histogram(), findings, from, to, events);

        Map<String, String> machine = new LinkedHashMap<>();
        for (String key : MACHINE_FACTS) {
            List<Fact> values = factsByKey.get(key);
            if (values != null && !values.isEmpty()) {
                machine.put(key, values.get(0).value());
            }
        }
        List<String> noteLines = new ArrayList<>();
        for (Note note : notes) {
            noteLines.add(note.file().isEmpty() ? note.message() : note.file() + ": " + note.message());
        }
        BundleFingerprint fingerprint = fingerprint(fingerprinting);
        BundleInfo info = new BundleInfo(bundle.toString(), bundle.getFileName().toString(), fingerprint.size(),
                fingerprint.sha256(), started, Duration.ofNanos(System.nanoTime() - t0));
        return new AnalysisReport(version(), info, findings, outcome.notEvaluated(), inventory, machine, from, to,
                events, noteLines, timeline);
    }

    private static BundleFingerprint fingerprint(java.util.concurrent.FutureTask<BundleFingerprint> task)
            throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while computing the bundle's SHA-256");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Reasons can quote a file (a parser's message): they reach the report too, so they are redacted alike. */
    private static List<InventoryItem> cleanReasons(List<InventoryItem> inventory, Redactor redactor) {
        List<InventoryItem> out = new ArrayList<>(inventory.size());
        for (InventoryItem i : inventory) {
            String reason = i.reason() == null ? null : VisibleText.of(redactor.redact(i.reason()));
            out.add(reason == i.reason() ? i : new InventoryItem(i.path(), i.kind(), i.charset(), i.bytes(),
                    i.records(), i.status(), reason));
        }
        return out;
    }

    /** What redaction did, said once for the whole bundle. */
    private static java.util.Optional<String> redactionNote(Redactor redactor) {
        if (!redactor.enabled()) {
            return java.util.Optional.of("WARNING: redaction was turned off (--no-redact): passwords, keys and tokens"
                    + " of the bundle may appear in this report and its index");
        }
        if (redactor.total() == 0) {
            return java.util.Optional.empty();
        }
        String kinds = redactor.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        return java.util.Optional.of(redactor.total() + " secret value(s) redacted (" + kinds
                + "); they appear as [REDACTED:kind]");
    }

    /**
     * Passes every record on with its secrets redacted and direction controls made visible: to the tally, the
     * rules' queries and the index, letting the agent-version witness see the events. Without an index, events
     * are passed on as read (their text goes nowhere but into the rules' evidence, cleaned by the recorder).
     */
    private record CleanSink(RecordTally tally, QueryRecorder rules, BundleIndexWriter index,
                             AgentVersionWitness witness, Redactor redactor) implements RecordSink {
        @Override
        public void event(LogEvent e) {
            if (index == null) {
                see(e); // nothing keeps the text of an event but the rules' evidence, which the recorder cleans
                return;
            }
            String raw = clean(e.raw());
            String message = raw == e.raw() && isCleanTail(e.message(), e.raw()) ? e.message() : clean(e.message());
            // the redactor returns the same string when it found nothing: most records are passed on as they are
            LogEvent clean = message == e.message() && raw == e.raw() ? e
                    : new LogEvent(e.file(), e.line(), e.record(), e.time(), e.timeText(), e.timeAssumed(), e.level(),
                            e.component(), e.process(), e.thread(), e.source(), e.activityId(), e.errorCodes(),
                            message, raw, e.channel(), e.eventId(), e.computer());
            see(clean);
            index.event(clean);
        }

        private void see(LogEvent e) {
            witness.see(e);
            tally.event(e);
            rules.see(e);
        }

        /**
         * Without an index, only the events the rules or the agent-version witness may want are needed in full:
         * the others only count, towards the timeline.
         */
        @Override
        public Skim skim(String file, String component) {
            return index != null || witness.reads(file) ? null : rules.skim(file, component);
        }

        @Override
        public void skimmed(long epochMillis, String level) {
            tally.skimmed(epochMillis, level);
        }

        @Override
        public void fact(Fact f) {
            Fact clean = new Fact(f.key(), clean(f.value()), f.file(), f.line(), clean(f.text()));
            tally.fact(clean);
            if (index != null) {
                index.fact(clean);
            }
        }

        @Override
        public void note(String file, String message) {
            tally.note(file, clean(message));
        }

        @Override
        public void timeNote(String file, String message) {
            tally.timeNote(file, clean(message));
        }

        /**
         * Whether the message is the end of a raw text that held nothing to clean, after a blank or from its
         * start (a trace line's message column): it then holds nothing either, as every pattern looks no further
         * back than a blank, and cleaning it again would double the cost of every trace line.
         */
        private static boolean isCleanTail(String message, String raw) {
            if (message == null || raw == null || !raw.endsWith(message)) {
                return false;
            }
            int before = raw.length() - message.length() - 1;
            return before < 0 || Character.isWhitespace(raw.charAt(before));
        }

        /** Secrets out, direction controls written out: what every text from the bundle goes through. */
        private String clean(String text) {
            return VisibleText.of(redactor.redact(text));
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is not worth failing the analysis
        }
    }

    /**
     * Version of the analyzer as built, or {@code dev} when run from classes. The runnable jar's manifest has
     * no Implementation-Version, so the version comes from the Maven properties every built jar carries.
     */
    public static String version() {
        String v = BundleAnalyzer.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = BundleAnalyzer.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                Properties build = new Properties();
                build.load(in);
                String built = build.getProperty("version");
                if (built != null && !built.isBlank()) {
                    return built.strip();
                }
            }
        } catch (IOException ignored) {
            // unreadable build properties: report the version as unknown, not fail the analysis
        }
        return "dev";
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
