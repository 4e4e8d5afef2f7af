package dev.bundleanalyzer.benchmarks;

import dev.bundleanalyzer.facts.DirListingParser;
import dev.bundleanalyzer.facts.FailedFilesParser;
import dev.bundleanalyzer.facts.PsVersionTableParser;
import dev.bundleanalyzer.facts.RegistryParser;
import dev.bundleanalyzer.facts.ScheduledTaskParser;
import dev.bundleanalyzer.facts.ServicesParser;
import dev.bundleanalyzer.facts.VolumesParser;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Throughput of the command-capture (fact) parsers on one thread. Each invocation parses at least
 * {@value #MIB} MiB of generated captures of one kind held in memory, each capture sized as in a real bundle: a
 * small one ($PSVersionTable, volumes) is parsed as many separate files, so its per-file cost counts, and a large one
 * (a {@code dir /s} of a Temp folder with 30,000 files) as one or two. Captures are UTF-16LE, as PowerShell's
 * {@code >} writes them. The score is invocations per second; the secondary results {@code records} and
 * {@code megabytes} read as records/s and MB/s.
 *
 * <p>Baseline: {@link #readLinesOnly} decodes and splits the same captures into lines and does nothing else, the
 * floor of every one of these parsers (all of them read lines); the ratio parse/readLines is the parser's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FactParseBenchmark {

    static final int MIB = 4;

    @Param({"psversiontable", "services", "scheduledtask", "volumes", "registry-export", "registry-query",
        "dirlisting", "failedfiles"})
    public String parser;

    private Kind kind;
    private final List<byte[]> captures = new ArrayList<>();
    private long bytes;

    /** One parser with the entry name and generator of its captures. */
    record Kind(Parser parser, String path, Function<Random, String> capture) {
    }

    static Kind kind(String name) {
        return switch (name) {
            case "psversiontable" ->
                    new Kind(new PsVersionTableParser(), "out/psversiontable.txt", Captures::psVersionTable);
            case "services" -> new Kind(new ServicesParser(), "out/services.txt", Captures::services);
            case "scheduledtask" -> new Kind(new ScheduledTaskParser(), "out/schtasks.xml", Captures::scheduledTasks);
            case "volumes" -> new Kind(new VolumesParser(), "out/volumes.txt", Captures::volumes);
            case "registry-export" ->
                    new Kind(new RegistryParser(), "out/AzureBackup.reg", r -> Captures.registry(r, true));
            case "registry-query" ->
                    new Kind(new RegistryParser(), "out/regquery.txt", r -> Captures.registry(r, false));
            case "dirlisting" -> new Kind(new DirListingParser(), "out/dir-windows-temp.txt", Captures::dirListing);
            case "failedfiles" ->
                    new Kind(new FailedFilesParser(), "Temp/LastBackupFailedFiles.txt", Captures::failedFiles);
            default -> throw new IllegalArgumentException("no fact parser " + name);
        };
    }

    @Setup
    public void generate() throws IOException {
        kind = kind(parser);
        Random random = new Random(5);
        while (bytes < MIB << 20) {
            byte[] capture = kind.capture().apply(random).getBytes(StandardCharsets.UTF_16LE);
            captures.add(capture);
            bytes += capture.length;
        }
        // a generator that drifted from what the parser reads would time the parser turning lines down
        if (kind.parser().parse(input(captures.get(0)), DISCARD) == 0) {
            throw new IllegalStateException(parser + ": the generated capture gives no records");
        }
    }

    private ParseInput input(byte[] capture) {
        return new ParseInput(kind.path(), null, StandardCharsets.UTF_16LE, new ByteArrayInputStream(capture));
    }

    @Benchmark
    public long parse(RecordCounters counters, Blackhole bh) throws IOException {
        BlackholeSink sink = new BlackholeSink(bh);
        long n = 0;
        for (byte[] capture : captures) {
            n += kind.parser().parse(input(capture), sink);
        }
        counters.records += n;
        counters.megabytes += bytes / 1e6;
        return n;
    }

    @Benchmark
    public long readLinesOnly(RecordCounters counters, Blackhole bh) throws IOException {
        long n = 0;
        for (byte[] capture : captures) {
            var reader = input(capture).reader();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                bh.consume(line);
                n++;
            }
        }
        counters.megabytes += bytes / 1e6;
        return n;
    }

    private static final RecordSink DISCARD = new RecordSink() {
        @Override
        public void event(LogEvent event) {
        }

        @Override
        public void fact(Fact fact) {
        }
    };

    /** Console captures in the shapes of formats.md sections 4 and 7 and of the parsers' test samples, CR LF ends. */
    static final class Captures {

        private Captures() {
        }

        static String psVersionTable(Random r) {
            String build = new String[] {"14393", "17763", "20348"}[r.nextInt(3)] + "." + r.nextInt(6000);
            return lines("PS C:\\> $PSVersionTable", "", "Name                           Value",
                    "----                           -----",
                    "PSVersion                      5.1." + build,
                    "PSEdition                      Desktop",
                    "PSCompatibleVersions           {1.0, 2.0, 3.0, 4.0...}",
                    "BuildVersion                   10.0." + build,
                    "CLRVersion                     4.0.30319.42000",
                    "WSManStackVersion              3.0",
                    "PSRemotingProtocolVersion      2.3",
                    "SerializationVersion           1.1.0.1", "", "");
        }

        private static final String[][] SERVICES = {
            {"obengine", "Microsoft Azure Recovery Services Agent"},
            {"OBRecoveryServicesManagementAgent", "Microsoft Azure Recovery Services Management Agent"},
            {"AppIDSvc", "Application Identity"}, {"Appinfo", "Application Information"},
            {"AudioEndpointBuilder", "Windows Audio Endpoint Builder"},
            {"BITS", "Background Intelligent Transfer Service"}, {"BFE", "Base Filtering Engine"},
            {"CryptSvc", "Cryptographic Services"}, {"DcomLaunch", "DCOM Server Process Launcher"},
            {"Dhcp", "DHCP Client"}, {"Dnscache", "DNS Client"}, {"EventLog", "Windows Event Log"},
            {"gpsvc", "Group Policy Client"}, {"LanmanServer", "Server"}, {"LanmanWorkstation", "Workstation"},
            {"MpsSvc", "Windows Defender Firewall"}, {"MSiSCSI", "Microsoft iSCSI Initiator Service"},
            {"MSSQL$MSDPM2012", "SQL Server (MSDPM2012)"}, {"msiserver", "Windows Installer"},
            {"Netlogon", "Netlogon"}, {"RpcSs", "Remote Procedure Call (RPC)"}, {"Schedule", "Task Scheduler"},
            {"SENS", "System Event Notification Service"}, {"TrustedInstaller", "Windows Modules Installer"},
            {"VSS", "Volume Shadow Copy"}, {"W32Time", "Windows Time"},
            {"WinDefend", "Microsoft Defender Antivirus Service"},
            {"WinHttpAutoProxySvc", "WinHTTP Web Proxy Auto-Discovery Service"},
            {"Winmgmt", "Windows Management Instrumentation"},
            {"WinRM", "Windows Remote Management (WS-Management)"}, {"wuauserv", "Windows Update"},
            {"swprv", "Microsoft Software Shadow Copy Provider"}, {"wbengine", "Block Level Backup Engine Service"},
        };
        private static final String[] VENDORS = {"Contoso", "Fabrikam", "Litware", "Northwind", "Tailspin", "Wingtip"};
        private static final String[] WORDS = {"Agent", "Update", "Monitor", "Sync", "Telemetry", "License", "Print",
            "Scan", "Relay", "Cache"};

        /** The whole {@code Get-Service} table of a server (its default view cuts columns at 18 and 38), then sc. */
        static String services(Random r) {
            List<String> out = new ArrayList<>(List.of("PS C:\\> Get-Service", "",
                    "Status   Name               DisplayName", "------   ----               -----------"));
            List<String[]> all = new ArrayList<>(List.of(SERVICES));
            for (int i = 0; i < 220; i++) {
                String vendor = VENDORS[r.nextInt(VENDORS.length)];
                String word = WORDS[r.nextInt(WORDS.length)];
                all.add(new String[] {vendor + word + i, vendor + " " + word + " Service " + i});
            }
            for (String[] s : all) {
                String status = r.nextInt(3) == 0 ? "Stopped" : "Running";
                out.add(String.format("%-8s %-18s %s", status, cut(s[0], 18), cut(s[1], 38)));
            }
            out.addAll(List.of("", "", "C:\\Windows\\system32>sc queryex obengine", "",
                    "SERVICE_NAME: obengine",
                    "DISPLAY_NAME: Microsoft Azure Recovery Services Agent",
                    "        TYPE               : 10  WIN32_OWN_PROCESS",
                    "        STATE              : 4  RUNNING",
                    "                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)",
                    "        WIN32_EXIT_CODE    : 0  (0x0)",
                    "        SERVICE_EXIT_CODE  : 0  (0x0)",
                    "        CHECKPOINT         : 0x0",
                    "        WAIT_HINT          : 0x0",
                    "        PID                : " + (1000 + r.nextInt(9000)),
                    "        FLAGS              :", ""));
            return lines(out.toArray(new String[0]));
        }

        private static String cut(String s, int width) {
            return s.length() <= width ? s : s.substring(0, width - 3) + "...";
        }

        private static final String[] TASK_FOLDERS = {"AppID", "Application Experience", "Autochk", "Chkdsk",
            "Customer Experience Improvement Program", "Defrag", "Diagnosis", "DiskCleanup", "Maintenance",
            "Servicing", "SoftwareProtectionPlatform", "Time Synchronization", "UpdateOrchestrator", "WindowsUpdate"};

        /** {@code schtasks /query /xml} of every task of a server: the MARS task first, then ~120 system tasks. */
        static String scheduledTasks(Random r) {
            StringBuilder out = new StringBuilder(400_000);
            task(out, "\\Microsoft\\OnlineBackup\\Microsoft-OnlineBackup", r,
                    "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\powershell.exe",
                    "-command Import-Module MSOnlineBackup; Start-OBBackup -Name \"5C0F3B1E-0D3A\" &amp; exit");
            for (int i = 0; i < 120; i++) {
                String folder = TASK_FOLDERS[r.nextInt(TASK_FOLDERS.length)];
                task(out, "\\Microsoft\\Windows\\" + folder + "\\" + folder.replace(" ", "") + "Task" + i, r,
                        "%windir%\\system32\\rundll32.exe", "/d acproxy.dll,PerformAutochkOperations " + i);
            }
            return out.toString();
        }

        private static void task(StringBuilder out, String uri, Random r, String command, String arguments) {
            int triggers = r.nextInt(3);
            out.append("<!-- ").append(uri).append(" -->\r\n<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n")
                    .append("<Task version=\"1.").append(2 + r.nextInt(3))
                    .append("\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n")
                    .append("  <RegistrationInfo>\r\n")
                    .append("    <Source>$(@%systemRoot%\\system32\\sdiagschd.dll,-201)</Source>\r\n")
                    .append("    <Author>Microsoft Corporation</Author>\r\n")
                    .append("    <Description>Performs scheduled maintenance of the system.</Description>\r\n")
                    .append("    <URI>").append(uri).append("</URI>\r\n  </RegistrationInfo>\r\n  <Triggers>\r\n");
            for (int t = 0; t < triggers; t++) {
                out.append("    <CalendarTrigger>\r\n      <StartBoundary>2026-10-")
                        .append(String.format("%02dT%02d:%02d:00", 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60)))
                        .append("</StartBoundary>\r\n      <Enabled>").append(r.nextInt(4) > 0)
                        .append("</Enabled>\r\n      <ScheduleByDay>\r\n        <DaysInterval>1</DaysInterval>\r\n")
                        .append("      </ScheduleByDay>\r\n    </CalendarTrigger>\r\n");
            }
            out.append("  </Triggers>\r\n  <Principals>\r\n    <Principal id=\"LocalSystem\">\r\n")
                    .append("      <UserId>S-1-5-18</UserId>\r\n      <RunLevel>HighestAvailable</RunLevel>\r\n")
                    .append("    </Principal>\r\n  </Principals>\r\n  <Settings>\r\n")
                    .append("    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\r\n")
                    .append("    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>\r\n")
                    .append("    <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>\r\n")
                    .append("    <AllowHardTerminate>true</AllowHardTerminate>\r\n")
                    .append("    <StartWhenAvailable>true</StartWhenAvailable>\r\n")
                    .append("    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>\r\n")
                    .append("    <IdleSettings>\r\n      <StopOnIdleEnd>true</StopOnIdleEnd>\r\n")
                    .append("      <RestartOnIdle>false</RestartOnIdle>\r\n    </IdleSettings>\r\n")
                    .append("    <Enabled>").append(r.nextInt(10) > 0).append("</Enabled>\r\n")
                    .append("    <Hidden>false</Hidden>\r\n    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>\r\n")
                    .append("    <Priority>7</Priority>\r\n  </Settings>\r\n  <Actions Context=\"LocalSystem\">\r\n")
                    .append("    <Exec>\r\n      <Command>").append(command).append("</Command>\r\n")
                    .append("      <Arguments>").append(arguments).append("</Arguments>\r\n")
                    .append("    </Exec>\r\n  </Actions>\r\n</Task>\r\n\r\n");
        }

        /** {@code fsutil volume diskfree} of three drives and the {@code Get-Volume} table. */
        static String volumes(Random r) {
            List<String> out = new ArrayList<>();
            for (String drive : new String[] {"C", "D", "E"}) {
                long total = (256L + r.nextInt(4096)) << 30;
                long free = (long) (total * r.nextDouble());
                out.add("C:\\>fsutil volume diskfree " + drive + ":");
                out.add(String.format("Total free bytes                : %,17d (%5.1f GB)", free, free / 1e9));
                out.add(String.format("Total bytes                     : %,17d (%5.1f GB)", total, total / 1e9));
                out.add(String.format("Total quota free bytes          : %,17d (%5.1f GB)", free, free / 1e9));
                out.add("Unavailable pool bytes          :                 0 (  0.0 KB)");
                out.add(String.format("Used bytes                      : %,17d (%5.1f GB)", total - free,
                        (total - free) / 1e9));
                out.add("");
            }
            String status = "Fixed     Healthy      OK                  ";
            out.addAll(List.of("PS C:\\> Get-Volume", "",
                    "DriveLetter FriendlyName FileSystemType DriveType HealthStatus OperationalStatus "
                            + "SizeRemaining      Size",
                    "----------- ------------ -------------- --------- ------------ ----------------- "
                            + "-------------      ----",
                    String.format("C           System       NTFS           %s%9.2f GB 475.67 GB", status,
                            10 + 400 * r.nextDouble()),
                    "            Recovery     NTFS           " + status + "  428.83 MB   1024 MB",
                    String.format("D           Data         NTFS           %s%9.2f TB   1.82 TB", status,
                            1.8 * r.nextDouble()),
                    "E                        Unknown        CD-ROM    Healthy      Unknown                     0 B"
                            + "       0 B",
                    "", ""));
            return lines(out.toArray(new String[0]));
        }

        /**
         * The MARS registry branch with ~300 job and policy subkeys, as {@code reg export} (UTF-16LE regedit 5.00,
         * binary and multi-string data wrapped with {@code \}) or as {@code reg query /s}.
         */
        static String registry(Random r, boolean regedit) {
            StringBuilder out = new StringBuilder(200_000);
            String root = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Azure Backup";
            out.append(regedit ? "Windows Registry Editor Version 5.00\r\n\r\n"
                    : "C:\\>reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows Azure Backup\" /s\r\n\r\n");
            key(out, regedit, root + "\\Config");
            String agent = "C:\\Program Files\\Microsoft Azure Recovery Services Agent\\";
            string(out, regedit, "ScratchLocation", agent + "Scratch");
            dword(out, regedit, "MaxBackupThreads", 4);
            key(out, regedit, root + "\\Setup");
            string(out, regedit, "InstallPath", agent);
            string(out, regedit, "AgentVersion", "2.0.9" + (200 + r.nextInt(90)) + ".0");
            for (int i = 0; i < 300; i++) {
                key(out, regedit, root + "\\Config\\Jobs\\{" + new java.util.UUID(r.nextLong(), r.nextLong()) + "}");
                string(out, regedit, "Name", "Backup policy " + i);
                string(out, regedit, "Path", "D:\\Shares\\Dept" + r.nextInt(40) + "\\Projects\\" + i);
                dword(out, regedit, "JobType", r.nextInt(4));
                dword(out, regedit, "RetentionDays", 30 + r.nextInt(330));
                byte[] time = new byte[8];
                r.nextBytes(time);
                binary(out, regedit, "LastRunTime", "hex(b)", "REG_QWORD", time);
                StringBuilder list = new StringBuilder();
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    list.append("*.tmp\u0000D:\\Shares\\Dept").append(k).append("\\Temp\\*\u0000");
                }
                multi(out, regedit, "Exclusions", list.toString());
            }
            return out.toString();
        }

        private static void key(StringBuilder out, boolean regedit, String key) {
            out.append(regedit ? "\r\n[" + key + "]\r\n" : "\r\n" + key + "\r\n");
        }

        private static void string(StringBuilder out, boolean regedit, String name, String data) {
            out.append(regedit ? "\"" + name + "\"=\"" + data.replace("\\", "\\\\") + "\"\r\n"
                    : "    " + name + "    REG_SZ    " + data + "\r\n");
        }

        private static void dword(StringBuilder out, boolean regedit, String name, int value) {
            out.append(regedit ? String.format("\"%s\"=dword:%08x\r\n", name, value)
                    : String.format("    %s    REG_DWORD    0x%x\r\n", name, value));
        }

        private static void multi(StringBuilder out, boolean regedit, String name, String strings) {
            if (regedit) {
                binary(out, true, name, "hex(7)", null, (strings + "\u0000").getBytes(StandardCharsets.UTF_16LE));
            } else {
                out.append("    ").append(name).append("    REG_MULTI_SZ    ")
                        .append(strings.substring(0, strings.length() - 1).replace("\u0000", "\\0")).append("\r\n");
            }
        }

        /** regedit writes hex data in lines of about 80 characters, each continued with a backslash. */
        private static void binary(StringBuilder out, boolean regedit, String name, String hexType, String queryType,
                                   byte[] data) {
            if (!regedit) {
                out.append("    ").append(name).append("    ").append(queryType).append("    0x");
                for (int i = data.length - 1; i >= 0; i--) {
                    out.append(String.format("%02x", data[i] & 0xFF));
                }
                out.append("\r\n");
                return;
            }
            int lineStart = out.length();
            out.append('"').append(name).append("\"=").append(hexType).append(':');
            for (int i = 0; i < data.length; i++) {
                out.append(String.format("%02x", data[i] & 0xFF));
                if (i < data.length - 1) {
                    out.append(',');
                    if (out.length() - lineStart > 76) {
                        out.append("\\\r\n  ");
                        lineStart = out.length() - 2;
                    }
                }
            }
            out.append("\r\n");
        }

        /** {@code dir /s C:\Windows\Temp} of a server that piles up .tmp files (formats.md 7.1), a few empty. */
        static String dirListing(Random r) {
            StringBuilder out = new StringBuilder(2_000_000);
            out.append("C:\\>dir /s C:\\Windows\\Temp\r\n Volume in drive C has no label.\r\n")
                    .append(" Volume Serial Number is 1A2B-3C4D\r\n\r\n Directory of C:\\Windows\\Temp\r\n\r\n")
                    .append("10/20/2026  09:12 PM    <DIR>          .\r\n10/20/2026  09:12 PM    <DIR>          ..\r\n")
                    .append("10/18/2026  08:00 AM    <DIR>          MARS\r\n");
            long total = 0;
            int files = 30_000;
            for (int i = 0; i < files; i++) {
                long size = r.nextInt(50) == 0 ? 0 : r.nextInt(1 << 20);
                total += size;
                out.append(String.format("10/%02d/2026  %02d:%02d %s %,17d tmp%04X.tmp\r\n", 1 + r.nextInt(28),
                        1 + r.nextInt(12), r.nextInt(60), r.nextBoolean() ? "AM" : "PM", size, i));
            }
            out.append(String.format("%,16d File(s) %,14d bytes\r\n\r\n", files, total))
                    .append(" Directory of C:\\Windows\\Temp\\MARS\r\n\r\n")
                    .append("10/18/2026  08:00 AM    <DIR>          .\r\n10/18/2026  08:00 AM    <DIR>          ..\r\n")
                    .append("10/18/2026  08:00 AM                 0 OBPatch.log\r\n")
                    .append("               1 File(s)              0 bytes\r\n\r\n     Total Files Listed:\r\n")
                    .append(String.format("%,16d File(s) %,14d bytes\r\n", files + 1, total))
                    .append("               4 Dir(s)  12,345,678,901 bytes free\r\n");
            return out.toString();
        }

        /** A LastBackupFailedFiles list of 5,000 files in the shapes the parser reads, most with a code. */
        static String failedFiles(Random r) {
            StringBuilder out = new StringBuilder(500_000);
            out.append("Consider adding these to exclusion list of backup policy.")
                    .append("-".repeat(46)).append("\r\n").append("-".repeat(100)).append("\r\n");
            String[] codes = {"0x80070005", "0x80070002", "0x80070020", "0x8007018B", "0x80070570"};
            for (int i = 0; i < 5000; i++) {
                String path = "D:\\Share\\Dept" + r.nextInt(40) + "\\Project " + r.nextInt(500) + "\\file" + i
                        + new String[] {".xlsx", ".pst", ".docx", ".dat", ".vhdx"}[r.nextInt(5)];
                String code = codes[r.nextInt(codes.length)];
                switch (r.nextInt(5)) {
                    case 0 -> out.append(path);
                    case 1 -> out.append(path).append(' ').append(code);
                    case 2 -> out.append(path).append("    (").append(code).append(')');
                    case 3 -> out.append(code).append('\t').append(path);
                    default -> out.append(path).append('\t').append(code.substring(2));
                }
                out.append("\r\n");
            }
            return out.toString();
        }

        private static String lines(String... lines) {
            return String.join("\r\n", lines);
        }
    }
}
