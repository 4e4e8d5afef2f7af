package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.analysis.BundleAnalyzer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bundle-analyzer}. Exit codes: 0 ok, 4 findings of error or above, 1 unreadable bundle, 2 usage. */
@Command(name = "bundle-analyzer", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Offline analyzer of Azure Backup (MARS agent) support bundles.",
        subcommands = {AnalyzeCommand.class, BatchCommand.class, SearchCommand.class, ServeCommand.class, RulesCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:analyzed, no finding of severity error or critical",
                "4:analyzed, with error or critical findings",
                "1:the bundle could not be analyzed at all",
                "2:usage error (bad option, bad rule file)"})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int FINDINGS = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: analyze or rules");
    }

    /** The report languages, checked alike by every command that writes reports. */
    static void requireLanguage(CommandLine.Model.CommandSpec spec, String lang) {
        if (!lang.equals("en") && !lang.equals("ko")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be en or ko, not '" + lang + "'");
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bundle-analyzer " + BundleAnalyzer.version()};
        }
    }
}
