package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the capture of {@code (Get-ChildItem C:\Windows\Temp -Filter *.tmp).Count}: a file whose only content is
 * an integer. A bare number says nothing about what was counted, so it is claimed only when the file name speaks
 * of {@code tmp} or {@code temp} (confidence 60), or when the command line is in the file above the number:
 * <pre>
 * PS C:\&gt; (Get-ChildItem C:\Windows\Temp -Filter *.tmp).Count
 * 65432
 * </pre>
 *
 * <p>Fact: {@code windows.temp.tmp.count}, e.g. {@code 65432}.
 */
public final class FileCountParser implements Parser {

    public static final String KIND = "file-count";

    private static final Pattern COUNT = Pattern.compile("\\d{1,10}");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        List<String> content = sample.text().lines().map(String::strip).filter(s -> !s.isEmpty()).limit(3).toList();
        if (content.size() == 1 && COUNT.matcher(content.get(0)).matches()) {
            String name = sample.name().toLowerCase(Locale.ROOT);
            return name.contains("tmp") || name.contains("temp") ? 60 : 0;
        }
        if (content.size() == 2 && isCommand(content.get(0)) && COUNT.matcher(content.get(1)).matches()) {
            return 85;
        }
        return 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (COUNT.matcher(s).matches()) {
                sink.fact(CaptureText.fact("windows.temp.tmp.count", Long.toString(Long.parseLong(s)), input, lines, i));
                return 1;
            }
        }
        return 0;
    }

    /** The command that counts the .tmp files of the Windows Temp folder. */
    private static boolean isCommand(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.contains(".count") && l.contains("*.tmp") && l.contains("temp")
                && (l.contains("get-childitem") || l.contains("gci") || l.contains("dir ") || l.contains("ls "));
    }
}
