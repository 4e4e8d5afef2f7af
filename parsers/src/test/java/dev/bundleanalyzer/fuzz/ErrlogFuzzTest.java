package dev.bundleanalyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.errlog.ErrlogParser;
import dev.bundleanalyzer.parse.Parser;
import java.util.List;
import org.junit.jupiter.api.Timeout;

class ErrlogFuzzTest {

    private static final Parser PARSER = new ErrlogParser();

    /** The component comes from the name, including the odd ones an archive may give. */
    private static final List<String> PATHS = List.of("Temp/CBEngineCurr.errlog", "Temp/GatewayProvider0.errlog",
            "Temp/MSDPMCurr.errlog.2016-06-01_20-55-45.Crash", ".errlog", "more/logs.zip!/x");

    @FuzzTest
    @Timeout(10)
    void errlog(byte[] data) {
        String path = Entries.pick(PATHS, data);
        CheckingSink.parse(PARSER, Entries.text(path, data, PARSER), CheckingSink.Lines.NUMBERED);
    }
}
