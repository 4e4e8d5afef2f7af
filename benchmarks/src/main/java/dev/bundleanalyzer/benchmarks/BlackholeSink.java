package dev.bundleanalyzer.benchmarks;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.RecordSink;
import org.openjdk.jmh.infra.Blackhole;

/** Hands every record to JMH's blackhole, so the parser's work is not optimised away. */
class BlackholeSink implements RecordSink {
    private final Blackhole bh;

    BlackholeSink(Blackhole bh) {
        this.bh = bh;
    }

    @Override
    public void event(LogEvent event) {
        bh.consume(event);
    }

    @Override
    public void fact(Fact fact) {
        bh.consume(fact);
    }
}
