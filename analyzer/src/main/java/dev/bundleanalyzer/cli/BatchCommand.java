package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.batch.BatchProgress;
import dev.bundleanalyzer.batch.BatchRunner;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleFileException;
import dev.bundleanalyzer.rules.RuleLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Analyze every bundle under a folder (a log share), each into its own report folder, once per"
                + " content; then write index.html and summary.json over all of them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every bundle of this run analyzed, none with an error or critical finding (or nothing to do)",
                "4:some bundle of this run has an error or critical finding",
                "5:some bundle of this run could not be analyzed (wins over 4)",
                "1:the batch itself could not run (folder missing, output not writable)",
                "2:usage error"})
final class BatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<folder>", description = "the folder to search for bundles, recursively")
    Path folder;

    @Option(names = "--out", paramLabel = "DIR", description = "where report folders and the summary go (default: <folder>.reports)")
    Path out;

    @Option(names = "--force", description = "analyze again bundles that already have a report")
    boolean force;

    @Option(names = "--since", paramLabel = "DATE", description = "only bundles modified since DATE (2026-12-01 or"
            + " 2026-12-01T08:00, UTC)")
    String since;

    @Option(names = "--settle", paramLabel = "TIME", converter = DurationConverter.OrZero.class,
            description = "how long a bundle must keep its size and time to count as fully copied (default: 2s)")
    Duration settle = Duration.ofSeconds(2);

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        store.check(spec);
        Instant from = since == null ? null : parseSince(since);
        if (!Files.isDirectory(folder)) {
            err.println("bundle-analyzer: cannot run the batch: " + folder + " is not a folder");
            return Main.FAILED;
        }
        Path outDir = out != null ? out : folder.toAbsolutePath().normalize().resolveSibling(
                folder.toAbsolutePath().normalize().getFileName() + ".reports");
        List<Rule> rules;
        try {
            rules = new RuleLoader().loadCatalogue();
        } catch (RuleFileException e) {
            err.println("bundle-analyzer: bad rule file: " + e.getMessage());
            return Main.USAGE;
        }
        BatchRunner.Options options = new BatchRunner.Options(folder, outDir, store.jobs(), force,
                from, store.lang, store.limits(), !store.noRedact, settle, !store.noIndex);
        BatchRunner.Result result;
        try (BatchProgress progress = BatchProgress.of(System.console() != null, err)) {
            result = new BatchRunner(rules, options).run(progress);
        } catch (IOException e) {
            err.println("bundle-analyzer: the batch could not run: " + e.getMessage());
            return Main.FAILED;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("batch: %d analyzed, %d failed, %d unchanged, %d duplicate, %d left for later%n",
                result.count(dev.bundleanalyzer.batch.Outcome.Kind.ANALYZED),
                result.count(dev.bundleanalyzer.batch.Outcome.Kind.FAILED),
                result.count(dev.bundleanalyzer.batch.Outcome.Kind.UNCHANGED),
                result.count(dev.bundleanalyzer.batch.Outcome.Kind.DUPLICATE),
                result.count(dev.bundleanalyzer.batch.Outcome.Kind.LEFT));
        stdout.println("summary: " + outDir.resolve("index.html"));
        stdout.flush();
        return result.exitCode();
    }

    private Instant parseSince(String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z")) {
                return Instant.parse(value.length() == 17 ? value.substring(0, 16) + ":00Z" : value);
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since takes a date such as 2026-12-01 or"
                    + " 2026-12-01T08:00, not '" + value + "'");
        }
    }
}
