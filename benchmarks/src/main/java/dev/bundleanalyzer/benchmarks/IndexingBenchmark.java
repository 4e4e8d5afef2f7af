package dev.bundleanalyzer.benchmarks;

import dev.bundleanalyzer.index.BundleIndexWriter;
import dev.bundleanalyzer.parse.LogEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link BundleIndexWriter} on one thread. Each invocation indexes {@value #EVENTS} events shaped like
 * agent trace lines (the shapes of {@code shared/tools/gen_perf_bundle.py}: a GUID or a number in most messages, so
 * the terms keep growing as in a real log) into a fresh directory and closes the writer: its commit flushes and
 * syncs the index, and is part of the cost. The score in ops/s reads as events/s.
 *
 * <p>Baseline: {@link #rawTextOnly} writes the raw lines of the same events to one file through a
 * {@link BufferedWriter} and syncs it as the commit does: what storing them costs without an index. The ratio of
 * the two scores is the index's cost.
 *
 * <p>Both write under {@code java.io.tmpdir} (start java with {@code -Djava.io.tmpdir=DIR} to measure another
 * disk); the directory is made before and deleted after each invocation, outside the timed part. An invocation
 * takes seconds, so JMH's per-invocation fixtures cost nothing measurable here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class IndexingBenchmark {

    static final int EVENTS = 200_000;

    private List<LogEvent> events;
    private Path dir;

    @Setup
    public void generate() {
        events = TraceEvents.generate(EVENTS, new Random(3));
    }

    @Setup(Level.Invocation)
    public void freshDirectory() throws IOException {
        dir = Files.createTempDirectory("bundle-analyzer-bench-");
    }

    @TearDown(Level.Invocation)
    public void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long index() throws IOException {
        BundleIndexWriter writer = new BundleIndexWriter(dir);
        try {
            for (LogEvent e : events) {
                writer.event(e);
            }
        } finally {
            writer.close();
        }
        return events.size();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long rawTextOnly() throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve("events.txt"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
             BufferedWriter out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8))) {
            for (LogEvent e : events) {
                out.write(e.raw());
                out.write('\n');
            }
            out.flush();
            channel.force(false);
        }
        return events.size();
    }

    /** Events as the errlog parser makes them of CBEngine trace lines, built here so that only indexing is timed. */
    static final class TraceEvents {
        private static final String FILE = "Temp/CBEngineCurr.errlog";
        private static final String[] SOURCES = {"cbpsessionmanager.cpp", "dsmfsenumerator.cpp", "fsutils.cpp",
            "cloudbackupprovider.cpp", "asyncjobrunner.cpp", "cbpnetworkcalls.cpp"};

        /** A message and the error codes the parser finds in it (normalised as ErrorCodes writes them). */
        private record Message(String text, List<String> codes) {
        }

        private static final String[] RARE = {
            "Invalid vault credentials provided. The file is either corrupted or does not have the latest credentials "
                    + "associated with recovery service. (ID: 34513)",
            "Microsoft Azure Recovery Services Agent was unable to connect to Microsoft Azure Backup. (ID: 100050)",
            "The current operation failed due to an internal service error [0x1FC07]."};
        private static final List<List<String>> RARE_CODES = List.of(List.of("34513"), List.of("100050"),
                List.of("0x1FC07"));

        static List<LogEvent> generate(int count, Random random) {
            List<LogEvent> out = new ArrayList<>(count);
            LocalDateTime t = LocalDateTime.of(2026, 10, 1, 0, 0);
            for (int i = 0; i < count; i++) {
                t = t.plusNanos((1 + random.nextInt(900)) * 1_000_000L);
                Message m = message(random);
                String level = m.text().contains("WARNING") || m.text().contains("Failed") ? "WARNING"
                        : m.text().contains("ID:") ? "FATAL" : "NORMAL";
                String pid = String.format("%04X", 1000 + random.nextInt(8000));
                String tid = String.format("%04X", 1000 + random.nextInt(8000));
                String timeText = String.format("%02d/%02d/%04d\t%02d:%02d:%02d.%03d", t.getMonthValue(),
                        t.getDayOfMonth(), t.getYear(), t.getHour(), t.getMinute(), t.getSecond(),
                        t.getNano() / 1_000_000);
                String source = SOURCES[random.nextInt(SOURCES.length)] + "(" + (10 + random.nextInt(4990)) + ")";
                String activity = guid(random);
                String raw = String.join("\t", pid, tid, timeText, String.format("%02d", 1 + random.nextInt(99)),
                        source, String.format("[%016X]", random.nextLong()), activity, level, m.text());
                Instant time = t.toInstant(ZoneOffset.UTC);
                out.add(LogEvent.builder(FILE, i + 1L).time(time).timeText(timeText.replace('\t', ' ')).level(level)
                        .component("CBEngine").process(pid).thread(tid).source(source).activityId(activity)
                        .errorCodes(m.codes()).message(m.text()).raw(raw).build());
            }
            return out;
        }

        private static Message message(Random r) {
            if (r.nextInt(100_000) == 0) {
                int k = r.nextInt(RARE.length);
                return new Message(RARE[k], RARE_CODES.get(k));
            }
            int n = 1 + r.nextInt(1_000_000_000);
            return switch (r.nextInt(7)) {
                case 0 -> new Message("Backup job started for policy " + guid(r), List.of());
                case 1 -> new Message("Enumerating volume \\\\?\\Volume{" + guid(r) + "}\\", List.of());
                case 2 -> new Message("Transferred " + n + " bytes to cloud", List.of());
                case 3 -> new Message("Failed: Hr: = [0x80070005] : Access is denied. File: C:\\Data\\f" + n + ".dat",
                        List.of("0x80070005"));
                case 4 -> new Message("Scheduled backup triggered by task scheduler", List.of());
                case 5 -> new Message("WARNING Retrying network call, attempt " + (1 + r.nextInt(5)), List.of());
                default -> new Message("Completed replica consistency check in " + n + " ms", List.of());
            };
        }

        private static String guid(Random r) {
            return new UUID(r.nextLong(), r.nextLong()).toString().toUpperCase(java.util.Locale.ROOT);
        }
    }
}
