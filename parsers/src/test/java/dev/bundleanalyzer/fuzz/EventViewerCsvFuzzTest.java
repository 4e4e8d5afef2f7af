package dev.bundleanalyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.eventlog.EventViewerCsvParser;
import dev.bundleanalyzer.parse.Parser;
import java.util.List;
import org.junit.jupiter.api.Timeout;

class EventViewerCsvFuzzTest {

    private static final Parser PARSER = new EventViewerCsvParser();

    /** The channel comes from the name when it names one. */
    private static final List<String> PATHS = List.of("Logs/CloudBackup%4Operational.csv", "Logs/Application.csv",
            "Logs/events.csv", "%4.csv");

    @FuzzTest
    @Timeout(10)
    void eventViewerCsv(byte[] data) {
        String path = Entries.pick(PATHS, data);
        CheckingSink.parse(PARSER, Entries.text(path, data, PARSER), CheckingSink.Lines.NUMBERED);
    }
}
