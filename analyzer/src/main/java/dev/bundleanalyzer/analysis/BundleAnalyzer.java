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
import dev.bundleanalyzer.parse.VisibleText;
import dev.bundleanalyzer.redact.Redactor;
import dev.bundleanalyzer.report.AnalysisReport;
import dev.bundleanalyzer.report.BundleInfo;
import dev.bundleanalyzer.report.EvidenceContexts;
import dev.bundleanalyzer.report.Timeline;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.Rule;
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
     * Analyzes a bundle, writing its Lucene index to {@code indexDir}.
     *
     * @throws BundleException when the bundle cannot be read at all (missing, not an archive)
     */
    public AnalysisReport analyze(Path bundle, Path indexDir) throws BundleException, IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        if (!Files.exists(bundle)) {
            throw new BundleException(bundle + ": no such file or folder");
        }
        BundleFingerprint fingerprint = BundleFingerprint.of(bundle);
        Files.createDirectories(indexDir);

        List<InventoryItem> inventory;
        List<Fact> facts;
        List<Note> notes;
        Long minTime;
        Long maxTime;
        long events;
        ExecutorService pool = jobs > 1 ? Executors.newFixedThreadPool(jobs, daemonThreads()) : null;
        Deadline deadline = Deadline.after(limits.maxBundleTime(), "bundle");
        // entries waiting for the time zone and large nested 7z archives are copied beside the index, never
        // outside the output folder, and removed before the analysis returns
        Path spool = Files.createTempDirectory(indexDir.toAbsolutePath().getParent(), ".work-");
        try (BundleIndexWriter writer = new BundleIndexWriter(indexDir)) {
            AgentVersionWitness agentVersion = new AgentVersionWitness();
            Redactor redactor = redact ? Redactor.standard() : Redactor.off();
            EntryParser entries = new EntryParser(detector, new WitnessedSink(writer, agentVersion, redactor), spool,
                    limits.maxLineChars(), limits.maxEntryTime(), deadline);
            BundleReader reader = new BundleReader(limits, pool, spool);
            inventory = reader.read(bundle, entries);
            ZoneId zone = entries.hasDeferred() ? MachineZone.of(writer.facts(), writer) : null;
            inventory = cleanReasons(entries.parseDeferred(zone, inventory), redactor);
            String stopped = reader.stoppedBy() != null ? reader.stoppedBy()
                    : deadline.passed() ? deadline.reason() : null;
            if (stopped != null) {
                // a report that looks clean because the reading stopped must not pass for a clean bundle
                writer.note("", "WARNING: the bundle was not read to its end (" + stopped.replace(": stopped, not read"
                        + " further", "") + "): the findings cover what was read; the inventory names each entry"
                        + " not finished");
            }
            agentVersion.fact(writer.facts()).ifPresent(writer::fact);
            Instant latest = writer.maxTime() == null ? Instant.now() : Instant.ofEpochMilli(writer.maxTime());
            ZoneAgreement.of(writer.facts(), latest).ifPresent(writer::fact);
            facts = writer.facts();
            redactionNote(redactor).ifPresent(n -> writer.note("", n));
            notes = writer.notes();
            minTime = writer.minTime();
            maxTime = writer.maxTime();
            events = writer.events();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            deleteQuietly(spool);
        }

        Map<String, List<Fact>> factsByKey = facts.stream()
                .collect(Collectors.groupingBy(f -> f.key().toLowerCase(Locale.ROOT), LinkedHashMap::new, Collectors.toList()));
        Set<String> parsedKinds = inventory.stream().filter(i -> i.status() == InventoryItem.Status.PARSED)
                .map(InventoryItem::kind).collect(Collectors.toCollection(TreeSet::new));
        RuleEngine.Outcome outcome;
        List<Finding> findings;
        Timeline timeline;
        Instant from = minTime == null ? null : Instant.ofEpochMilli(minTime);
        Instant to = maxTime == null ? null : Instant.ofEpochMilli(maxTime);
        try (BundleIndex index = BundleIndex.open(indexDir)) {
            outcome = new RuleEngine(rules).evaluate(new RuleEngine.Context(index, factsByKey, inventory, notes, parsedKinds));
            // the report shows each evidence line among its neighbours and the findings on a timeline; both are
            // read from the index while it is open, not from the bundle
            findings = EvidenceContexts.attach(outcome.findings(), index);
            timeline = Timeline.of(index, findings, from, to, events);
        }

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
        BundleInfo info = new BundleInfo(bundle.toString(), bundle.getFileName().toString(), fingerprint.size(),
                fingerprint.sha256(), started, Duration.ofNanos(System.nanoTime() - t0));
        return new AnalysisReport(version(), info, findings, outcome.notEvaluated(), inventory, machine, from, to,
                events, noteLines, timeline);
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
        return java.util.Optional.of(redactor.total() + " secret value(s) redacted before indexing (" + kinds
                + "); they appear as [REDACTED:kind]");
    }

    /**
     * Passes every record to the index with its secrets redacted and direction controls made visible, letting the
     * agent-version witness see the events on their way.
     */
    private record WitnessedSink(BundleIndexWriter writer, AgentVersionWitness witness, Redactor redactor)
            implements RecordSink {
        @Override
        public void event(LogEvent e) {
            String message = clean(e.message());
            String raw = clean(e.raw());
            // the redactor returns the same string when it found nothing: most records are passed on as they are
            LogEvent clean = message == e.message() && raw == e.raw() ? e
                    : new LogEvent(e.file(), e.line(), e.record(), e.time(), e.timeText(), e.timeAssumed(), e.level(),
                            e.component(), e.process(), e.thread(), e.source(), e.activityId(), e.errorCodes(),
                            message, raw, e.channel(), e.eventId(), e.computer());
            witness.see(clean);
            writer.event(clean);
        }

        @Override
        public void fact(Fact f) {
            writer.fact(new Fact(f.key(), clean(f.value()), f.file(), f.line(), clean(f.text())));
        }

        @Override
        public void note(String file, String message) {
            writer.note(file, clean(message));
        }

        @Override
        public void timeNote(String file, String message) {
            writer.timeNote(file, clean(message));
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

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread t = new Thread(runnable, "bundle-entry");
            t.setDaemon(true);
            return t;
        };
    }
}
