package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code Get-Module -ListAvailable} output:
 * <pre>
 *     Directory: C:\Program Files\WindowsPowerShell\Modules
 *
 * ModuleType Version    Name                                ExportedCommands
 * ---------- -------    ----                                ----------------
 * Script     3.7.0      Azure                               {Get-AzureAutomationCertificate, ...}
 * </pre>
 * Facts: {@code psmodule.<name lower>.version} per row (one per installed version), and {@code psmodule.listed}
 * (the folder, on each {@code Directory:} line) so that a listing without a module tells "not installed".
 */
public final class ModuleListParser implements Parser {

    public static final String KIND = "ps-modules";

    private static final Pattern HEADER = Pattern.compile("^\\s*ModuleType\\s+Version\\s+(?:PreRelease\\s+)?Name\\b.*");
    private static final Pattern ROW = Pattern.compile("^(Script|Binary|Manifest|Cim|Workflow)\\s+(\\d+(?:\\.\\d+){1,3})\\s+(?:\\S+\\s+)??(\\S+)(?:\\s.*)?$");
    private static final Pattern DIRECTORY = Pattern.compile("^\\s*(?:Directory|디렉(?:터|토)리):\\s*(\\S.*?)\\s*$");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        boolean header = false;
        for (String line : sample.text().split("\r?\n", 200)) {
            if (HEADER.matcher(line).matches()) {
                header = true;
            } else if (header && ROW.matcher(line).matches()) {
                return 90;
            }
        }
        return header ? 70 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long facts = 0;
        boolean table = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            var dir = DIRECTORY.matcher(line);
            if (dir.matches()) {
                sink.fact(CaptureText.fact("psmodule.listed", dir.group(1), input, lines, i));
                facts++;
                table = false;
                continue;
            }
            if (HEADER.matcher(line).matches()) {
                table = true;
                continue;
            }
            var row = ROW.matcher(line);
            if (table && row.matches()) {
                String name = row.group(3).toLowerCase(Locale.ROOT);
                sink.fact(CaptureText.fact("psmodule." + name + ".version", row.group(2), input, lines, i));
                facts++;
            }
        }
        return facts;
    }
}
