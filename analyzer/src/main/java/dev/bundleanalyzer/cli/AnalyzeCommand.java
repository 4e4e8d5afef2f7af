package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.analysis.BundleAnalyzer;
import dev.bundleanalyzer.bundle.BundleException;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.report.AnalysisReport;
import dev.bundleanalyzer.report.ReportFiles;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleFileException;
import dev.bundleanalyzer.rules.RuleLoader;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyze one support bundle (.zip, .tar, .tar.gz/.tgz, .7z or a folder) and write its report.")
final class AnalyzeCommand implements Callable<Integer> {

    /** What to write: report.html, findings.json, summary.md. */
    enum Format { html, json, md }

    @Parameters(index = "0", paramLabel = "<bundle>", description = "the bundle: an archive or a folder")
    Path bundle;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output folder (default: <bundle file name>.report in the current folder)")
    Path out;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|ko", description = "report language: en or ko (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "html,json,md",
            description = "what to write, comma separated: html (report.html), json (findings.json), "
                    + "md (summary.md, a digest for a ticket) (default: ${DEFAULT-VALUE})")
    Set<Format> formats = EnumSet.allOf(Format.class);

    @Option(names = "--jobs", paramLabel = "N", description = "entries parsed at once (default: the number of cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-redact", description = "keep passwords, keys and tokens of the bundle in the report and index"
            + " (they are redacted by default)")
    boolean noRedact;

    @Option(names = "--rules", paramLabel = "DIR", description = "a folder of extra rule files (*.yaml) to load beside the catalogue")
    Path rulesDir;

    @Option(names = "--max-depth", paramLabel = "N", description = "deepest nesting of archives (default: ${DEFAULT-VALUE})")
    int maxDepth = BundleLimits.DEFAULTS.maxDepth();

    @Option(names = "--max-entries", paramLabel = "N", description = "most entries read from the bundle (default: ${DEFAULT-VALUE})")
    int maxEntries = BundleLimits.DEFAULTS.maxEntries();

    @Option(names = "--max-total-bytes", paramLabel = "BYTES", description = "most uncompressed bytes read in all (default: ${DEFAULT-VALUE})")
    long maxTotalBytes = BundleLimits.DEFAULTS.maxTotalBytes();

    @Option(names = "--max-entry-bytes", paramLabel = "BYTES", description = "most uncompressed bytes read from one entry (default: ${DEFAULT-VALUE})")
    long maxEntryBytes = BundleLimits.DEFAULTS.maxEntryBytes();

    @Option(names = "--max-ratio", paramLabel = "N", description = "largest compression ratio of an entry, and of the"
            + " bundle as a whole, before it is stopped as a bomb (default: ${DEFAULT-VALUE})")
    double maxRatio = BundleLimits.DEFAULTS.maxRatio();

    @Option(names = "--max-entry-time", paramLabel = "TIME", converter = DurationConverter.class,
            description = "longest time one entry may take, e.g. 90s, 15m, 1h (default: 15m)")
    Duration maxEntryTime = BundleLimits.DEFAULTS.maxEntryTime();

    @Option(names = "--max-bundle-time", paramLabel = "TIME", converter = DurationConverter.class,
            description = "longest time reading the bundle may take; then what was read is reported and the rest"
                    + " named as not finished (default: 60m)")
    Duration maxBundleTime = BundleLimits.DEFAULTS.maxBundleTime();

    @Option(names = "--max-line-chars", paramLabel = "N", description = "longest text line kept; the rest of a longer"
            + " line is dropped and the file's inventory line says so (default: ${DEFAULT-VALUE})")
    int maxLineChars = BundleLimits.DEFAULTS.maxLineChars();

    @Option(names = "--no-index", description = "skip the full-text index: the rules, timeline and report as usual,"
            + " in a fraction of the time, but no search and no lines around the evidence")
    boolean noIndex;

    @Option(names = "--quiet", description = "do not announce findings on stderr as they are found")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Main.requireLanguage(spec, lang);
        if (jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        if (maxLineChars < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-line-chars must be at least 1");
        }
        List<Rule> rules;
        try {
            RuleLoader loader = new RuleLoader();
            rules = rulesDir == null ? loader.loadCatalogue() : loader.loadCatalogueAnd(rulesDir);
        } catch (RuleFileException e) {
            err.println("bundle-analyzer: bad rule file: " + e.getMessage());
            return Main.USAGE;
        }
        if (noRedact) {
            err.println("bundle-analyzer: warning: --no-redact: secrets of the bundle may reach the report and index");
        }
        Path outDir = out != null ? out : Path.of(fileName(bundle) + ".report");
        if (Files.isDirectory(bundle) && outDir.toAbsolutePath().normalize().startsWith(bundle.toAbsolutePath().normalize())) {
            // the analysis would read its own index and report as they are written
            throw new CommandLine.ParameterException(spec.commandLine(), "the output folder " + outDir
                    + " is inside the bundle folder " + bundle + ": choose another with --out");
        }
        BundleLimits limits = new BundleLimits(maxDepth, maxEntries, maxTotalBytes, maxEntryBytes, maxRatio,
                BundleLimits.DEFAULTS.ratioGraceBytes(), maxEntryTime, maxBundleTime, maxLineChars);
        AnalysisReport report;
        boolean created = !Files.exists(outDir);
        try {
            Files.createDirectories(outDir);
            BundleAnalyzer analyzer = new BundleAnalyzer(rules, limits, jobs, !noRedact);
            if (noIndex) {
                analyzer = analyzer.withoutIndex();
            }
            if (!quiet) {
                analyzer.onFirstMatch(new FirstFindings(rules, err));
            }
            report = analyzer.analyze(bundle, outDir.resolve("index"));
        } catch (BundleException e) {
            err.println("bundle-analyzer: cannot analyze " + e.getMessage());
            removeUnfinished(outDir, created);
            return Main.FAILED;
        } catch (IOException e) {
            err.println("bundle-analyzer: " + e.getMessage());
            removeUnfinished(outDir, created);
            return Main.FAILED;
        }
        try {
            ReportFiles.write(report, lang, formats.stream().map(Enum::name).collect(Collectors.toSet()), outDir);
        } catch (IOException e) {
            err.println("bundle-analyzer: cannot write the report to " + outDir + ": " + e.getMessage());
            return Main.FAILED;
        }
        printSummary(stdout, report, outDir);
        // an unfinished analysis must not pass for a clean one on a terminal either
        report.notes().stream().filter(n -> n.startsWith("WARNING:") && !n.contains("--no-redact"))
                .forEach(n -> err.println("bundle-analyzer: " + n));
        err.flush();
        boolean serious = report.findings().stream()
                .anyMatch(f -> f.severity().compareTo(Severity.ERROR) >= 0);
        return serious ? Main.FINDINGS : Main.OK;
    }

    private void printSummary(PrintWriter out, AnalysisReport report, Path outDir) {
        long failed = report.inventory().stream().filter(i -> i.status() != dev.bundleanalyzer.bundle.InventoryItem.Status.PARSED).count();
        out.printf("%s: %d files (%d not parsed), %d events, %d findings, %d rules not evaluated, %d ms%n",
                report.bundle().name(), report.inventory().size(), failed, report.events(), report.findings().size(),
                report.notEvaluated().size(), report.bundle().elapsed().toMillis());
        for (Finding f : report.findings()) {
            String where = "";
            if (!f.evidence().isEmpty()) {
                Evidence e = f.evidence().get(0);
                where = "  " + e.file() + (e.record() != null ? " record " + e.record() : e.line() > 0 ? ":" + e.line() : "");
            }
            out.printf("  %-8s %-34s x%-5d %s%s%n", f.severity().label(), f.rule(), f.count(), f.title().get(lang), where);
        }
        if (formats.contains(Format.html)) {
            out.println("report: " + outDir.resolve("report.html"));
        }
        if (formats.contains(Format.json)) {
            out.println("json:   " + outDir.resolve("findings.json"));
        }
        if (formats.contains(Format.md)) {
            out.println("summary: " + outDir.resolve("summary.md"));
        }
        out.flush();
    }

    /** A failed analysis leaves no output folder behind that it made itself: only an index without a report. */
    private static void removeUnfinished(Path outDir, boolean created) {
        Path index = outDir.resolve("index");
        try {
            if (Files.isDirectory(index)) {
                try (var files = Files.walk(index)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            if (created) {
                Files.deleteIfExists(outDir);
            }
        } catch (IOException ignored) {
            // a folder that cannot be removed (not empty, permissions) is left as it is
        }
    }

    private static String fileName(Path bundle) {
        Path name = bundle.toAbsolutePath().normalize().getFileName();
        return name == null ? "bundle" : name.toString();
    }
}
