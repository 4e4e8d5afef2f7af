package dev.bundleanalyzer.benchmarks;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.bundleanalyzer.eventlog.EventViewerCsvParser;
import dev.bundleanalyzer.eventlog.ExportCsvParser;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the event-log CSV readers on one thread, over {@value #MIB} MiB of generated export held in
 * memory: Event Viewer's "Save All Events As CSV" ({@code viewer}, UTF-16LE) and {@code Get-WinEvent | Export-Csv}
 * ({@code export}, UTF-8, all 27 properties). About one message in six spans lines inside quotes. The score is
 * files per second; the secondary results {@code records} (rows) and {@code megabytes} read as rows/s and MB/s.
 *
 * <p>Baseline: {@link #univocityOnly} reads the same bytes, through the same decoding reader, into rows with
 * univocity set up as the parsers set it up, and does nothing else. The parsers are built on univocity, so a
 * decode-and-split baseline would count the library's quote handling as ours; against univocity alone the ratio
 * is what our code adds per row (raw text and line numbers, columns by name, times, levels, error codes, the event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CsvParseBenchmark {

    static final int MIB = 8;

    @Param({"viewer", "export"})
    public String format;

    private byte[] data;
    private Charset charset;
    private Parser parser;
    private String path;

    @Setup
    public void generate() {
        boolean viewer = format.equals("viewer");
        charset = viewer ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8;
        parser = viewer ? new EventViewerCsvParser() : new ExportCsvParser();
        path = viewer ? "EventLogs/CloudBackup%4Operational.csv" : "EventLogs/events.csv";
        data = EventCsvSample.generate(MIB << 20, viewer, new Random(11)).getBytes(charset);
    }

    private ParseInput input() {
        // the analyzer passes the machine's zone to readers of local times once the bundle has told it
        return new ParseInput(path, null, charset, new ByteArrayInputStream(data), ZoneId.of("America/New_York"));
    }

    @Benchmark
    public long parse(RecordCounters counters, Blackhole bh) throws IOException {
        long n = parser.parse(input(), new BlackholeSink(bh));
        counters.records += n;
        counters.megabytes += data.length / 1e6;
        return n;
    }

    @Benchmark
    public long univocityOnly(RecordCounters counters, Blackhole bh) {
        CsvParser csv = new CsvParser(settings());
        csv.beginParsing(input().reader());
        long n = 0;
        for (String[] row = csv.parseNext(); row != null; row = csv.parseNext()) {
            bh.consume(row);
            n++;
        }
        counters.records += n;
        counters.megabytes += data.length / 1e6;
        return n;
    }

    /** The settings of the parsers' CsvRows (package-private there), so that both read the same rows the same way. */
    private static CsvParserSettings settings() {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(',');
        s.getFormat().setQuote('"');
        s.getFormat().setQuoteEscape('"');
        s.getFormat().setComment('\0');
        s.getFormat().setLineSeparator("\r\n");
        s.setLineSeparatorDetectionEnabled(true);
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setSkipEmptyLines(true);
        s.setMaxCharsPerColumn(8 << 20);
        s.setMaxColumns(1024);
        s.setNullValue("");
        s.setEmptyValue("");
        s.setReadInputOnSeparateThread(false);
        return s;
    }

    /** Exports of a MARS server's events, in the shapes of formats.md sections 3.1 to 3.5, CR LF line ends. */
    static final class EventCsvSample {

        record Kind(String level, int levelNumber, String provider, int id, String channel, String message) {
        }

        private static final String[] COMPUTERS = {"SRV01.contoso.local", "MABS02.contoso.local"};

        private static final Kind[] KINDS = {
            new Kind("Information", 4, "CloudBackup", 1, "CloudBackup/Operational",
                    "The backup operation has started."),
            new Kind("Information", 4, "CloudBackup", 3, "CloudBackup/Operational",
                    "The backup operation has completed."),
            new Kind("Error", 2, "CloudBackup", 11, "CloudBackup/Operational",
                    "The backup operation has completed with errors.\r\nError code: 0x80780049"),
            new Kind("Warning", 3, "CloudBackup", 10, "CloudBackup/Operational",
                    "The backup operation has completed with warnings, see \"Job details\"."),
            new Kind("Error", 2, "CloudBackup", 18, "CloudBackup/Operational",
                    "Scheduled backup failed in initialization phase (ID: 34513)"),
            new Kind("Information", 4, "Service Control Manager", 7036, "System",
                    "The Microsoft Azure Recovery Services Agent service entered the running state."),
            new Kind("Information", 4, "Service Control Manager", 7036, "System",
                    "The Windows Update service entered the stopped state."),
            new Kind("Error", 2, "MSDPM", 999, "Application",
                    "An unexpected error caused a failure for process 'msdpm'.  Restart the DPM process 'msdpm'."
                    + "\r\n\r\nProblem Details:\r\n<FatalServiceError><__System><ID>19</ID><Seq>4461</Seq>"
                    + "<TimeCreated>6/1/2016 8:55:45 PM</TimeCreated><Source>DpmThreadPool.cs</Source><Line>163</Line>"
                    + "<HasError>True</HasError></__System><ExceptionType>SqlException</ExceptionType>"
                    + "<ExceptionMessage>A network-related or instance-specific error occurred.</ExceptionMessage>"
                    + "</FatalServiceError>"),
            new Kind("Information", 4, "Windows Error Reporting", 1001, "Application",
                    "Fault bucket , type 0\r\nEvent Name: DPMException\r\nResponse: Not available\r\nCab Id: 0\r\n\r\n"
                    + "Problem signature:\r\nP1: msdpm\r\nP2: 4.2.1254.0\r\nP3: Microsoft.Internal.EnterpriseStorage"
                    + "\r\n\r\nAttached files:\r\nC:\\Program Files\\Microsoft System Center\\DPM\\DPM\\Temp\\"
                    + "MSDPMCurr.errlog.2016-06-01_20-55-45.Crash"),
            new Kind("Warning", 3, "Microsoft-Windows-Time-Service", 129, "System",
                    "NtpClient was unable to set a domain peer to use as a time source because of discovery error, "
                    + "error code 0x800705B4."),
            new Kind("Information", 4, "Microsoft-Windows-Security-SPP", 16384, "Application",
                    "Successfully scheduled Software Protection service for re-start at 2126-09-27T08:31:40Z."),
        };

        /** How often each kind above is drawn: routine events dominate, multi-line errors are a minority. */
        private static final int[] WEIGHTS = {10, 10, 6, 3, 1, 10, 8, 2, 2, 3, 6};

        private static final DateTimeFormatter EN_US = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

        static String generate(int bytes, boolean viewer, Random random) {
            StringBuilder out = new StringBuilder(bytes + 4096);
            if (viewer) {
                out.append("Level,Date and Time,Source,Event ID,Task Category\r\n");
            } else {
                out.append("#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n\"Message\",\"Id\",\"Version\","
                        + "\"Qualifiers\",\"Level\",\"Task\",\"Opcode\",\"Keywords\",\"RecordId\",\"ProviderName\","
                        + "\"ProviderId\",\"LogName\",\"ProcessId\",\"ThreadId\",\"MachineName\",\"UserId\","
                        + "\"TimeCreated\",\"ActivityId\",\"RelatedActivityId\",\"ContainerLog\",\"MatchedQueryIds\","
                        + "\"Bookmark\",\"LevelDisplayName\",\"OpcodeDisplayName\",\"TaskDisplayName\","
                        + "\"KeywordsDisplayNames\",\"Properties\"\r\n");
            }
            int total = 0;
            for (int w : WEIGHTS) {
                total += w;
            }
            LocalDateTime time = LocalDateTime.of(2026, 10, 1, 0, 0);
            long record = 40_000;
            // UTF-16LE doubles every char; stop at the size in bytes either way
            int chars = viewer ? bytes / 2 : bytes;
            while (out.length() < chars) {
                int pick = random.nextInt(total);
                int k = 0;
                while (pick >= WEIGHTS[k]) {
                    pick -= WEIGHTS[k++];
                }
                Kind kind = KINDS[k];
                time = time.plusSeconds(1 + random.nextInt(600));
                String when = EN_US.format(time);
                if (viewer) {
                    out.append(kind.level()).append(',').append(when).append(',').append(kind.provider()).append(',')
                            .append(kind.id()).append(",None,").append(quoteIfNeeded(kind.message())).append("\r\n");
                } else {
                    export(out, kind, when, ++record, random);
                }
            }
            return out.toString();
        }

        private static void export(StringBuilder out, Kind kind, String when, long record, Random random) {
            boolean manifest = kind.provider().equals("CloudBackup") || kind.provider().startsWith("Microsoft-");
            String guid = String.format("{%08x-%04x-4%03x-8%03x-%012x}", random.nextInt(), random.nextInt(1 << 16),
                    random.nextInt(1 << 12), random.nextInt(1 << 12), random.nextLong() & 0xFFFF_FFFF_FFFFL);
            out.append(quote(kind.message())).append(',').append(quote(Integer.toString(kind.id()))).append(',')
                    .append(manifest ? "\"0\"" : "").append(',').append(manifest ? "" : "\"0\"").append(',')
                    .append(quote(Integer.toString(kind.levelNumber()))).append(",\"0\",")
                    .append(manifest ? "\"0\"" : "").append(',')
                    .append(manifest ? "\"-9223372036854775808\"" : "\"36028797018963968\"").append(',')
                    .append(quote(Long.toString(record))).append(',').append(quote(kind.provider())).append(',')
                    .append(manifest ? "\"{7c3a2b1e-4d5f-4e6a-8b9c-0d1e2f3a4b5c}\"" : "").append(',')
                    .append(quote(kind.channel())).append(',')
                    .append(manifest ? quote(Integer.toString(4 * (500 + random.nextInt(4000)))) : "").append(',')
                    .append(manifest ? quote(Integer.toString(4 * (500 + random.nextInt(4000)))) : "").append(',')
                    .append(quote(COMPUTERS[random.nextInt(COMPUTERS.length)])).append(',')
                    .append(manifest ? "\"S-1-5-18\"" : "").append(',')
                    .append(quote(when)).append(',')
                    .append(manifest ? quote(guid) : "").append(",,")
                    .append(quote(kind.channel()))
                    .append(",\"System.UInt32[]\",\"System.Diagnostics.Eventing.Reader.EventBookmark\",")
                    .append(quote(kind.level())).append(',').append(manifest ? "\"Info\"" : "").append(",,")
                    .append("\"System.Collections.ObjectModel.ReadOnlyCollection`1[System.String]\",")
                    .append("\"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]\"")
                    .append("\r\n");
        }

        /** Event Viewer quotes a field only when it holds a delimiter, a quote or a line break. */
        private static String quoteIfNeeded(String s) {
            return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 ? quote(s) : s;
        }

        private static String quote(String s) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
    }
}
