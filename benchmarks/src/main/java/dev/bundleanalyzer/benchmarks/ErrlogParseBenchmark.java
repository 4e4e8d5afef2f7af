package dev.bundleanalyzer.benchmarks;

import dev.bundleanalyzer.errlog.ErrlogParser;
import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.parse.ByteLines;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Skim;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleLoader;
import dev.bundleanalyzer.parse.ParseInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of agent trace log parsing on one thread. Each invocation parses {@value #MIB} MiB of
 * generated CBEngine lines, so the score in ops/s reads directly as MiB/s.
 *
 * <p>Baselines in the same run: {@link #splitLinesOnly} splits the same bytes into lines without decoding them,
 * the floor of the parser, which reads its columns in the bytes; {@link #readLinesOnly} decodes and splits them,
 * the floor of a parser of decoded lines. {@link #parseForRules} reads as an analysis without the index does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ErrlogParseBenchmark {

    static final int MIB = 16;

    @Param({"UTF-8", "UTF-16LE"})
    public String charset;

    private byte[] data;
    private final ErrlogParser parser = new ErrlogParser();

    private QueryRecorder recorder;

    @Setup
    public void generate() throws Exception {
        data = ErrlogSample.generate(MIB << 20, Charset.forName(charset), new Random(7));
        recorder = new QueryRecorder(new RuleEngine(new RuleLoader().loadCatalogue()).demands());
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long parse(Blackhole bh) throws IOException {
        return parser.parse(new ParseInput("Temp/CBEngineCurr.errlog", Instant.parse("2026-10-22T06:30:00Z"),
                Charset.forName(charset), new ByteArrayInputStream(data)), new BlackholeSink(bh));
    }

    /**
     * What an analysis without the index does with a trace log: the rules' skim decides, line by line, which
     * lines become events for the rules; the others are only counted.
     */
    @Benchmark
    @OperationsPerInvocation(MIB)
    public long parseForRules(Blackhole bh) throws IOException {
        QueryRecorder rules = recorder;
        return parser.parse(new ParseInput("Temp/CBEngineCurr.errlog", Instant.parse("2026-10-22T06:30:00Z"),
                Charset.forName(charset), new ByteArrayInputStream(data)), new BlackholeSink(bh) {
                    @Override
                    public void event(LogEvent event) {
                        rules.see(event);
                    }

                    @Override
                    public Skim skim(String file, String component) {
                        return rules.skim(file, component);
                    }

                    @Override
                    public void skimmed(long epochMillis, String level) {
                        bh.consume(epochMillis);
                    }
                });
    }

    /** The parser's own floor: the lines as bytes, split, undecoded. */
    @Benchmark
    @OperationsPerInvocation(MIB)
    public long splitLinesOnly() throws IOException {
        long n = 0;
        try (ByteLines lines = new ParseInput("x", null, Charset.forName(charset), new ByteArrayInputStream(data))
                .lineBytes()) {
            while (lines.next()) {
                n += lines.end() - lines.start();
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long readLinesOnly(Blackhole bh) throws IOException {
        long n = 0;
        var reader = new ParseInput("x", null, Charset.forName(charset), new ByteArrayInputStream(data)).reader();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            bh.consume(line);
            n++;
        }
        return n;
    }

    /** CBEngine-like lines with the shapes of formats.md section 1.2, rare error IDs among them. */
    static final class ErrlogSample {
        private static final String[] SOURCES = {"cbpsessionmanager.cpp(211)", "dsmfsenumerator.cpp(482)",
            "AzureServiceManagementHelper.cs(320)", "backupasync.cpp(1589)", "cloudbackupprovider.cpp(77)"};
        private static final String[] MESSAGES = {
            "Backup job started for policy 5C0F3B1E-0D3A-4C5B-9E0A-0F8A3C2B1D4E",
            "Enumerating volume \\\\?\\Volume{6a1d2c3b-0000-0000-0000-100000000000}\\",
            "Transferred 734003200 bytes to cloud",
            "Failed: Hr: = [0x80070005] : Access is denied. File: C:\\Data\\f1234.dat",
            "PollAzureImportJob :: Import Job: 'ImportJobName' is in pending state: '1'",
            "Completed replica consistency check in 1532 ms"};
        private static final String RARE = "Invalid vault credentials provided. The file is either corrupted or "
                + "doesn't have the latest credentials associated with recovery service. (ID: 34513)";

        static byte[] generate(int bytes, Charset charset, Random random) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + 512);
            StringBuilder line = new StringBuilder(256);
            long millis = 0;
            while (out.size() < bytes) {
                millis += random.nextInt(900);
                long s = millis / 1000;
                line.setLength(0);
                line.append(String.format("%04X\t%04X\t10/%02d\t%02d:%02d:%02d.%03d\t%02d\t",
                        4096 + random.nextInt(4096), 4096 + random.nextInt(4096), 1 + (int) (s / 86400 % 28),
                        s / 3600 % 24, s / 60 % 60, s % 60, millis % 1000, random.nextInt(99)));
                line.append(SOURCES[random.nextInt(SOURCES.length)]).append('\t');
                line.append(random.nextBoolean() ? "" : "[000000001B73B830]").append('\t');
                line.append("0517B3DB-347D-45A8-9DAB-FD7D1EA7D134\t");
                line.append(random.nextInt(10) == 0 ? "WARNING" : "NORMAL").append('\t');
                line.append(random.nextInt(100_000) == 0 ? RARE : MESSAGES[random.nextInt(MESSAGES.length)]);
                line.append("\r\n");
                out.writeBytes(line.toString().getBytes(charset));
            }
            return out.toByteArray();
        }
    }
}
