package dev.bundleanalyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.eventlog.WevtutilTextParser;
import dev.bundleanalyzer.parse.Parser;
import org.junit.jupiter.api.Timeout;

class WevtutilTextFuzzTest {

    private static final Parser PARSER = new WevtutilTextParser();

    @FuzzTest
    @Timeout(10)
    void wevtutilText(byte[] data) {
        CheckingSink.parse(PARSER, Entries.text("Logs/CloudBackup-Operational.txt", data, PARSER),
                CheckingSink.Lines.NUMBERED);
    }
}
