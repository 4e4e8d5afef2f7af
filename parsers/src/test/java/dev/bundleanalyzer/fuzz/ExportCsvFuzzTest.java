package dev.bundleanalyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.eventlog.ExportCsvParser;
import dev.bundleanalyzer.parse.Parser;
import java.util.List;
import org.junit.jupiter.api.Timeout;

class ExportCsvFuzzTest {

    private static final Parser PARSER = new ExportCsvParser();

    /** The channel comes from the name when the rows do not give one. */
    private static final List<String> PATHS = List.of("Logs/CloudBackup%4Operational.csv", "Logs/System.csv",
            "commands/Get-WinEvent.csv");

    @FuzzTest
    @Timeout(10)
    void exportCsv(byte[] data) {
        String path = Entries.pick(PATHS, data);
        CheckingSink.parse(PARSER, Entries.text(path, data, PARSER), CheckingSink.Lines.NUMBERED);
    }
}
