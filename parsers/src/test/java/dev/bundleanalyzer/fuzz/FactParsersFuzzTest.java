package dev.bundleanalyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.Parser;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Every fact parser over the same input. One target rather than one per parser: the captures are small and
 * alike (tables, {@code Label : value} lines), so what opens one parser's paths often opens another's, and a
 * parser registered later is fuzzed without being listed here.
 */
class FactParsersFuzzTest {

    private static final List<Parser> PARSERS = ContentDetector.standard().parsers().stream()
            .filter(p -> p.getClass().getPackageName().equals("dev.bundleanalyzer.facts"))
            .toList();

    /** Names that steer the parsers: a drive letter, a task named after its file, a credentials file. */
    private static final List<String> PATHS = List.of("commands/output_01.txt", "commands/fsutil-volume-D.txt",
            "tasks/Microsoft Online Backup.xml", "Config/contoso.VaultCredentials", "more/a.zip!/b\\c.d.e");

    @FuzzTest
    @Timeout(10)
    void factParsers(byte[] data) {
        String path = Entries.pick(PATHS, data);
        for (Parser parser : PARSERS) {
            CheckingSink.parse(parser, Entries.text(path, data, parser), CheckingSink.Lines.NUMBERED);
        }
    }
}
