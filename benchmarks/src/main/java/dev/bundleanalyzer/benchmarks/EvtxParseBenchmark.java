package dev.bundleanalyzer.benchmarks;

import dev.bundleanalyzer.eventlog.evtx.EvtxParser;
import dev.bundleanalyzer.parse.ParseInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the native .evtx reader on one thread, on a real log of the shared corpus held in memory: every
 * record rendered to XML and turned into a {@link dev.bundleanalyzer.parse.LogEvent}. The score is files per second; the secondary
 * results {@code records} and {@code megabytes} read as records/s and MB/s.
 *
 * <p>{@link #crc32Baseline} is the floor any reader pays: one CRC-32 pass over the same bytes, as the reader does
 * to check chunk checksums. Compare the two scores of one run rather than figures across machines.
 *
 * <p>The corpus folder is {@code -Devtx.corpus=<dir>}, else {@code shared/corpus/evtx} found beside or above the
 * working directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvtxParseBenchmark {

    @Param({"security.evtx", "system.evtx"})
    public String file;

    private byte[] data;
    private final EvtxParser parser = new EvtxParser();

    @Setup
    public void load() throws IOException {
        data = Files.readAllBytes(corpus().resolve(file));
    }

    static Path corpus() {
        String configured = System.getProperty("evtx.corpus");
        if (configured != null) {
            return Path.of(configured);
        }
        for (String candidate : List.of("shared/corpus/evtx", "../shared/corpus/evtx", "../../shared/corpus/evtx")) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("evtx corpus not found; pass -Devtx.corpus=<dir>");
    }

    @Benchmark
    public long parse(RecordCounters counters, Blackhole bh) throws IOException {
        long n = parser.parse(new ParseInput(file, null, null, new ByteArrayInputStream(data)), new BlackholeSink(bh));
        counters.records += n;
        counters.megabytes += data.length / 1e6;
        return n;
    }

    @Benchmark
    public long crc32Baseline(RecordCounters counters) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data, 0, data.length);
        counters.megabytes += data.length / 1e6;
        return crc.getValue();
    }

}
