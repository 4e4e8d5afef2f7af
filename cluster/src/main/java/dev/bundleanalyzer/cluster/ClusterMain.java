package dev.bundleanalyzer.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Spark application: {@code analyze} turns the bundles at an input location into report folders and rows of
 * the bundles, findings and failures tables at an output location; {@code sql} answers Spark SQL over those
 * tables. Run by {@code spark-submit} on a cluster, or locally with {@code --master local[*]}.
 */
@Command(name = "bundle-analyzer-cluster", mixinStandardHelpOptions = true, versionProvider = ClusterMain.Version.class,
        subcommands = {ClusterMain.Analyze.class, ClusterMain.Sql.class},
        description = "Analyze support bundles as Apache Spark tasks, and ask questions across all of them.")
public final class ClusterMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterMain()).execute(args));
    }

    /** The analyzer's version: the cluster runs the same analysis. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bundle-analyzer-cluster " + dev.bundleanalyzer.analysis.BundleAnalyzer.version()
                    + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
        }
    }

    /** Options every subcommand has. */
    static final class SparkOptions {
        @Option(names = "--master", paramLabel = "URL", description = "Spark master when not run by spark-submit,"
                + " e.g. local[*] (default: spark-submit's, else local[*])")
        String master;

        SparkSession session() {
            SparkConf conf = new SparkConf();
            SparkSession.Builder builder = SparkSession.builder().appName("bundle-analyzer")
                    // times in the tables are UTC, and so is the analysis date they are partitioned by
                    .config("spark.sql.session.timeZone", "UTC")
                    // readable by other engines too (Trino, DuckDB, pandas), which do not all read INT96
                    .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                    // Spark's progress bar (tasks done of the bundles) on a terminal, not in a job's log
                    .config("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
            if (master != null) {
                builder.master(master);
            } else if (!conf.contains("spark.master")) {
                builder.master("local[*]");
            }
            return builder.getOrCreate();
        }
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Analyze every bundle archive at the input location, each in a Spark task of its own, into"
                    + " a report folder under <output>/reports and rows of the tables <output>/bundles, findings and"
                    + " failures (Parquet, partitioned by analysis_date). Bundles already in the tables are skipped"
                    + " unless --force.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                    "0:the run completed (bundles that could not be analyzed are rows of the failures table)",
                    "1:the run could not run (input missing, output not writable, another run on the output)",
                    "2:usage error"})
    static final class Analyze implements Callable<Integer> {

        @Option(names = "--input", required = true, paramLabel = "URI",
                description = "a folder (searched recursively), an archive, or a list file of URIs; any Hadoop file"
                        + " system: file:, hdfs:, abfss:, s3a:, ...")
        String input;

        @Option(names = "--output", required = true, paramLabel = "URI",
                description = "where report folders, tables and run records go (any Hadoop file system)")
        String output;

        @Option(names = "--force", description = "analyze again bundles that are in the tables already; their rows"
                + " are replaced")
        boolean force;

        @Option(names = "--lang", defaultValue = "en", paramLabel = "en|ko",
                description = "report language (default: ${DEFAULT-VALUE})")
        String lang;

        @Option(names = "--no-redact", description = "keep passwords, keys and tokens in the reports (redacted by"
                + " default)")
        boolean noRedact;

        @Option(names = "--index", description = "keep each bundle's full-text index in its report folder (for"
                + " search); off by default, as an index can be as big as its bundle")
        boolean index;

        @Option(names = "--max-bundle-time", paramLabel = "MINUTES", defaultValue = "60",
                description = "longest time one bundle may take, in minutes (default: ${DEFAULT-VALUE})")
        long maxBundleMinutes;

        @CommandLine.Mixin
        SparkOptions spark;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!lang.equals("en") && !lang.equals("ko")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be en or ko");
            }
            if (maxBundleMinutes < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-bundle-time must be at least 1");
            }
            SparkSession session = spark.session();
            try {
                JobSettings settings = new JobSettings(output, force, lang, !noRedact, index,
                        Duration.ofMinutes(maxBundleMinutes), maxAttempts(session));
                ClusterJob.Summary summary = new ClusterJob(session, settings).run(input);
                for (String r : summary.recovered()) {
                    out.println("earlier run " + r);
                }
                for (ClusterJob.Line line : summary.files()) {
                    out.println(String.format("%-11s %s: %s%s", line.status(), line.source(), line.detail(),
                            line.report() == null ? "" : " -> " + line.report()));
                }
                out.println(summary.counts() + "; run " + summary.runId() + " recorded in "
                        + Tables.location(Tables.location(output, ClusterJob.RUNS), summary.runId() + ".json"));
                return OK;
            } catch (IOException e) {
                err.println("bundle-analyzer-cluster: cannot run: " + e.getMessage());
                return FAILED;
            } finally {
                session.stop();
            }
        }
    }

    @Command(name = "sql", mixinStandardHelpOptions = true,
            description = "Run Spark SQL over the tables of an output location, seen as the views bundles, findings"
                    + " and failures.")
    static final class Sql implements Callable<Integer> {

        @Option(names = "--tables", required = true, paramLabel = "URI", description = "the output location of"
                + " analyze")
        String tables;

        @Option(names = "--rows", defaultValue = "1000", paramLabel = "N", description = "rows shown at most"
                + " (default: ${DEFAULT-VALUE})")
        int rows;

        @Parameters(arity = "1..*", paramLabel = "QUERY", description = "the statements, each shown in turn")
        List<String> queries;

        @CommandLine.Mixin
        SparkOptions spark;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SparkSession session = spark.session();
            try {
                Tables.registerViews(session, tables);
                for (String query : queries) {
                    out.flush();
                    session.sql(query).show(rows, false); // Spark prints to standard output
                    System.out.flush();
                }
                return OK;
            } catch (Exception e) {
                // Spark's AnalysisException, thrown undeclared: a query that does not parse or names what is not there
                if (e instanceof org.apache.spark.sql.AnalysisException) {
                    err.println("bundle-analyzer-cluster: bad query: " + e.getMessage());
                    return USAGE;
                }
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                session.stop();
            }
        }
    }

    private static final Pattern LOCAL = Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)]");

    /**
     * How many times Spark runs a task: in local mode once, unless the master says {@code local[N,F]}; on a
     * cluster {@code spark.task.maxFailures} (4 by default).
     */
    static int maxAttempts(SparkSession session) {
        SparkConf conf = session.sparkContext().getConf();
        String master = conf.get("spark.master", "local[*]");
        if (master.startsWith("local")) {
            Matcher m = LOCAL.matcher(master);
            return m.matches() ? Math.max(1, Integer.parseInt(m.group(1))) : 1;
        }
        return Math.max(1, conf.getInt("spark.task.maxFailures", 4));
    }
}
