package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code tzutil /g}: one Windows time-zone ID, often without a line break, e.g.
 * {@code Korea Standard Time}, or {@code Pacific Standard Time_dstoff} when daylight saving is turned off.
 * IDs are not localised. Most end in {@code Standard Time}; a few do not ({@code UTC}, {@code UTC+12},
 * {@code Russia Time Zone 3}).
 *
 * <p>Found by content: a file of a single non-empty line shaped like an ID (capitalised words ending in
 * {@code Time}, {@code Russia Time Zone N}, {@code UTC}, {@code UTC±NN}, {@code Coordinated Universal Time}, each
 * with an optional {@code _dstoff}); a name starting with {@code tzutil} raises the confidence.
 *
 * <p>Facts: {@code timezone.id} (the ID without {@code _dstoff}: {@code Pacific Standard Time}) and
 * {@code timezone.dst.disabled = true} when the ID ends in {@code _dstoff}.
 */
public final class TzutilParser implements Parser {

    public static final String KIND = "tzutil";

    private static final String DSTOFF = "_dstoff";

    /** Capitalised words ({@code W.}, {@code Mid-Atlantic}, {@code US}) ending in Time, or the few other IDs. */
    private static final Pattern ID = Pattern.compile(
            "((?:[A-Z][A-Za-z.\\-]* )+Time|Russia Time Zone \\d{1,2}|UTC(?:[+-]\\d{2})?)(_dstoff)?");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String text = sample.text().strip();
        if (text.isEmpty() || text.length() > 80 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return 0;
        }
        if (!ID.matcher(text).matches()) {
            return 0;
        }
        String id = text.endsWith(DSTOFF) ? text.substring(0, text.length() - DSTOFF.length()) : text;
        int confidence = id.endsWith(" Standard Time") || id.endsWith(" Daylight Time") ? 80 : 60;
        if (sample.name().toLowerCase(Locale.ROOT).startsWith("tzutil")) {
            confidence += 15;
        }
        return confidence;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long facts = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ID.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            sink.fact(CaptureText.fact("timezone.id", m.group(1), input, lines, i));
            facts++;
            if (m.group(2) != null) {
                sink.fact(CaptureText.fact("timezone.dst.disabled", "true", input, lines, i));
                facts++;
            }
        }
        return facts;
    }
}
