package dev.bundleanalyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.eventlog.evtx.EvtxParser;
import dev.bundleanalyzer.parse.Parser;
import org.junit.jupiter.api.Timeout;

class EvtxFuzzTest {

    private static final Parser PARSER = new EvtxParser();

    @FuzzTest
    @Timeout(10)
    void evtx(byte[] data) {
        CheckingSink.parse(PARSER, Entries.binary("Logs/CloudBackup%4Operational.evtx", data, PARSER),
                CheckingSink.Lines.RECORDS);
    }
}
