package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.search.BundleSearch;
import dev.bundleanalyzer.search.JsonOutput;
import dev.bundleanalyzer.search.QueryProblem;
import dev.bundleanalyzer.search.ReportFolder;
import dev.bundleanalyzer.search.ReportFolders;
import dev.bundleanalyzer.search.SearchQuery;
import dev.bundleanalyzer.search.SearchResult;
import dev.bundleanalyzer.search.TextOutput;
import dev.bundleanalyzer.search.TimeBound;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true, modelTransformer = SearchCommand.QueryMayStartWithDash.class,
        description = {"Search the indexes of one report folder, or of every report folder under a folder, with a"
                + " Lucene query; hits are listed oldest first.",
                "Fields: message (default) type file line record time level component process thread source"
                        + " activityId errorCode channel eventId computer factKey factValue, and host and bundle"
                        + " (from each report's findings.json).",
                "Examples: errorCode:34513   level:FATAL component:CBEngine   \"vault credentials\""
                        + "   host:FS01 AND eventId:18   type:fact factKey:powershell.version"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:searched (also when nothing matched)",
                "1:no report folder with an index was found, or none could be read",
                "2:usage error (bad option, query that does not parse)"})
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<report-or-batch-dir>",
            description = "a report folder (holding index/), or a folder with report folders below it")
    Path dir;

    @Parameters(index = "1", paramLabel = "<query>",
            description = "Lucene query syntax; words are joined by AND; empty for every event")
    String query;

    @Option(names = "--since", paramLabel = "T", converter = TimeBoundConverter.class,
            description = "only records at or after T: " + TimeBound.FORMS + " (UTC unless a zone is given)")
    TimeBound since;

    @Option(names = "--until", paramLabel = "T", converter = TimeBoundConverter.class,
            description = "only records up to T, including the whole day, minute or second T names")
    TimeBound until;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "most hits shown (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print the hits as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more");
        }
        if (since != null && until != null && since.first() > until.last()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since is after --until");
        }
        SearchQuery search;
        try {
            search = SearchQuery.parse(query, since, until);
        } catch (QueryProblem e) {
            err.println("bundle-analyzer: " + e.headline());
            String pointer = e.pointer("  ");
            if (!pointer.isEmpty()) {
                err.println(pointer);
            }
            err.flush();
            return Main.USAGE;
        }
        if (!Files.isDirectory(dir)) {
            err.println("bundle-analyzer: " + dir + " is not a folder");
            err.flush();
            return Main.FAILED;
        }
        List<ReportFolder> folders;
        try {
            folders = ReportFolders.find(dir, w -> err.println("bundle-analyzer: warning: " + w));
        } catch (IOException e) {
            err.println("bundle-analyzer: cannot read " + dir + ": " + e.getMessage());
            err.flush();
            return Main.FAILED;
        }
        if (folders.isEmpty()) {
            err.println("bundle-analyzer: no report folder (one holding index/) in " + dir
                    + ": give the --out folder of analyze, or a folder above such folders");
            err.flush();
            return Main.FAILED;
        }
        SearchResult result = BundleSearch.run(folders, search, limit);
        for (SearchResult.Skipped s : result.skipped()) {
            err.println("bundle-analyzer: cannot search " + s.folder().index() + ": " + s.reason() + "; skipped");
        }
        err.flush();
        if (result.searched() == 0 && !result.skipped().isEmpty()) {
            return Main.FAILED;
        }
        try {
            if (json) {
                JsonOutput.write(out, search, result);
            } else {
                TextOutput.print(out, result);
            }
        } catch (IOException e) {
            err.println("bundle-analyzer: cannot write the results: " + e.getMessage());
            return Main.FAILED;
        }
        return Main.OK;
    }

    /**
     * Lets a query start with a dash ({@code -level:NORMAL}, Lucene's "not"): picocli would otherwise take it
     * for an unknown option. A mistyped option still fails, as an argument too many.
     */
    static final class QueryMayStartWithDash implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().unmatchedOptionsArePositionalParams(true);
            return spec;
        }
    }

    /** A date or time for --since and --until, as {@link TimeBound} reads it. */
    static final class TimeBoundConverter implements CommandLine.ITypeConverter<TimeBound> {
        @Override
        public TimeBound convert(String value) {
            try {
                return TimeBound.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
