package dev.bundleanalyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.eventlog.WevtutilXmlParser;
import dev.bundleanalyzer.parse.Parser;
import org.junit.jupiter.api.Timeout;

class WevtutilXmlFuzzTest {

    private static final Parser PARSER = new WevtutilXmlParser();

    @FuzzTest
    @Timeout(10)
    void wevtutilXml(byte[] data) {
        CheckingSink.parse(PARSER, Entries.text("Logs/CloudBackup-Operational.xml", data, PARSER),
                CheckingSink.Lines.NUMBERED);
    }
}
