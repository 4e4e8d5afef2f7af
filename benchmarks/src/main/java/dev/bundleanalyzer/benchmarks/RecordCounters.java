package dev.bundleanalyzer.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Records (events, rows, facts) and megabytes read, which JMH reports per second beside each score. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordCounters {
    public long records;
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
        records = 0;
        megabytes = 0;
    }
}
