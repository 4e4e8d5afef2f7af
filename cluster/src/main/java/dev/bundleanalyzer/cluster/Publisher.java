package dev.bundleanalyzer.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Adds a run's rows to the tables as one step that either happens whole or is finished by the next run: the new
 * files (and, for bundles analyzed again, the rewritten partitions) are written under the run's staging folder,
 * then a manifest of the file moves and deletions is committed by a rename, then carried out. A run that dies
 * before the manifest leaves the tables as they were (its staging folder is removed by the next run, which then
 * analyzes those bundles again); one that dies after it has its moves finished by the next run. Moves are
 * idempotent, so carrying a manifest out twice changes nothing.
 */
final class Publisher {

    static final String STAGING = "_staging";
    private static final String MANIFEST = "_MANIFEST.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One step of a manifest: a file deleted ({@code to} null) or moved. */
    record Step(String from, String to) {
    }

    private final SparkSession spark;
    private final Configuration conf;
    private final String output;

    Publisher(SparkSession spark, String output) {
        this.spark = spark;
        this.conf = spark.sparkContext().hadoopConfiguration();
        this.output = output;
    }

    /** The staging folder of a run. */
    String staging(String runId) {
        return Tables.location(Tables.location(output, STAGING), runId);
    }

    /** Finishes what earlier runs committed and removes what they did not: before a run reads the tables. */
    List<String> recover() throws IOException {
        Path root = new Path(Tables.location(output, STAGING));
        FileSystem fs = root.getFileSystem(conf);
        List<String> done = new ArrayList<>();
        if (!fs.exists(root)) {
            return done;
        }
        for (FileStatus run : fs.listStatus(root)) {
            Path manifest = new Path(run.getPath(), MANIFEST);
            if (fs.exists(manifest)) {
                apply(fs, readManifest(fs, manifest));
                done.add(run.getPath().getName() + ": its rows were added to the tables");
            } else {
                done.add(run.getPath().getName() + ": it ended before its rows were committed; its bundles are"
                        + " analyzed again");
            }
            fs.delete(run.getPath(), true);
        }
        return done;
    }

    /**
     * Adds the rows of the given outcomes (analyzed and failed bundles, and bundles to retry) to the tables,
     * replacing the rows of earlier analyses of the same contents ({@code replaced}) and the failures recorded
     * earlier for the same files.
     */
    void publish(String runId, List<BundleOutcome> outcomes, Set<String> replaced) throws IOException {
        String staging = staging(runId);
        List<Row> bundles = new ArrayList<>();
        List<Row> findings = new ArrayList<>();
        List<Row> failures = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (BundleOutcome o : outcomes) {
            if (o.kind() != BundleOutcome.Kind.RETRY_LATER) {
                sources.add(o.source());
                bundles.add(bundleRow(o));
            }
            for (BundleOutcome.FindingRow f : o.findings()) {
                findings.add(RowFactory.create(o.bundle(), o.sha256(), o.source(), o.host(), o.agentVersion(),
                        f.rule(), f.severity(), f.title(), f.titleKo(), f.count(), BundleOutcome.ts(f.first()),
                        BundleOutcome.ts(f.last()), o.report(), BundleOutcome.ts(o.analyzedAt()), date(o)));
            }
            if (o.kind() == BundleOutcome.Kind.FAILED || o.kind() == BundleOutcome.Kind.RETRY_LATER) {
                failures.add(RowFactory.create(o.bundle(), o.sha256(), o.source(), o.size(), o.reason(),
                        o.attempts(), BundleOutcome.ts(o.analyzedAt()), date(o)));
            }
        }
        Map<String, List<Row>> added = Map.of(Tables.BUNDLES, bundles, Tables.FINDINGS, findings,
                Tables.FAILURES, failures);
        List<Step> steps = new ArrayList<>();
        for (String table : Tables.ALL) {
            steps.addAll(replace(table, staging, replaced, sources));
            String newRows = Tables.location(Tables.location(staging, "add"), table);
            spark.createDataFrame(added.get(table), Tables.schema(table)).coalesce(1).write() // a file per day and run
                    .partitionBy(Tables.PARTITION).parquet(newRows);
            steps.addAll(moves(newRows, Tables.location(output, table)));
        }
        Path manifest = new Path(staging, MANIFEST);
        FileSystem fs = manifest.getFileSystem(conf);
        Path aside = new Path(staging, "." + MANIFEST);
        try (OutputStream out = fs.create(aside, true)) {
            JSON.writeValue(out, steps);
        }
        HadoopFiles.rename(fs, aside, manifest); // the commit point
        apply(fs, steps);
        for (String table : Tables.ALL) {
            fs.mkdirs(new Path(Tables.location(output, table))); // an empty table is an empty folder, not none
        }
        fs.delete(new Path(staging), true);
    }

    /** The bundles table's row of an analyzed or failed bundle. */
    static Row bundleRow(BundleOutcome o) {
        return RowFactory.create(o.sha256(), o.bundle(), o.source(), o.size(), BundleOutcome.ts(o.modified()),
                o.kind() == BundleOutcome.Kind.FAILED ? "failed" : "analyzed", o.reason(), o.host(), o.agentVersion(),
                o.worst(), o.findings().size(), o.report(), BundleOutcome.ts(o.dataFrom()),
                BundleOutcome.ts(o.dataTo()), BundleOutcome.ts(o.analyzedAt()), date(o));
    }

    /** The partition of an outcome's rows: the day its analysis ended, in UTC. */
    private static LocalDate date(BundleOutcome o) {
        return LocalDate.ofInstant(o.analyzedAt(), ZoneOffset.UTC);
    }

    /**
     * The steps that take out of a table the rows of contents analyzed again and the failures of files analyzed
     * now: each partition that holds such a row is written anew without them, and its old files deleted.
     */
    private List<Step> replace(String table, String staging, Set<String> replaced, List<String> sources)
            throws IOException {
        if (replaced.isEmpty() && (table.equals(Tables.FINDINGS) || sources.isEmpty())) {
            return List.of();
        }
        Dataset<Row> current = Tables.read(spark, output, table);
        Column stale = functions.col("sha256").isin(replaced.toArray());
        Column sameFile = functions.col("source").isin(sources.toArray());
        if (table.equals(Tables.FAILURES)) {
            stale = stale.or(sameFile);
        } else if (table.equals(Tables.BUNDLES)) {
            // a bundle whose task never completed has no SHA-256: its file analyzed now replaces it
            stale = stale.or(functions.col("sha256").isNull().and(sameFile));
        }
        // SQL's three values: a row that is not stale must say false, not null, or NOT would drop it too
        stale = functions.coalesce(stale, functions.lit(false));
        List<Object> dates = current.filter(stale).select(Tables.PARTITION).distinct().collectAsList().stream()
                .map(r -> r.get(0)).toList();
        if (dates.isEmpty()) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        Path tableDir = new Path(Tables.location(output, table));
        FileSystem fs = tableDir.getFileSystem(conf);
        for (Object date : dates) {
            Path partition = fs.makeQualified(new Path(tableDir, Tables.PARTITION + "=" + date));
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(partition, true);
            while (files.hasNext()) {
                Path file = files.next().getPath();
                if (HadoopFiles.isDataFile(partition, file)) {
                    steps.add(new Step(file.toString(), null));
                }
            }
        }
        String rewritten = Tables.location(Tables.location(staging, "keep"), table);
        current.filter(functions.col(Tables.PARTITION).isin(dates.toArray()).and(functions.not(stale)))
                .write().partitionBy(Tables.PARTITION).parquet(rewritten);
        steps.addAll(moves(rewritten, tableDir.toString()));
        return steps;
    }

    /** Moves of every data file under {@code from} to the same place under {@code to}. */
    private List<Step> moves(String from, String to) throws IOException {
        FileSystem fs = new Path(from).getFileSystem(conf);
        Path root = fs.makeQualified(new Path(from));
        List<Step> steps = new ArrayList<>();
        if (!fs.exists(root)) {
            return steps;
        }
        String prefix = root.toString();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (HadoopFiles.isDataFile(root, file)) {
                String relative = file.toString().substring(prefix.length() + 1);
                steps.add(new Step(file.toString(), Tables.location(to, relative)));
            }
        }
        return steps;
    }

    private void apply(FileSystem fs, List<Step> steps) throws IOException {
        for (Step step : steps) {
            Path from = new Path(step.from());
            if (step.to() == null) {
                from.getFileSystem(conf).delete(from, false);
                continue;
            }
            Path to = new Path(step.to());
            FileSystem target = to.getFileSystem(conf);
            if (target.exists(from)) {
                target.mkdirs(to.getParent());
                HadoopFiles.rename(target, from, to);
            }
        }
    }

    private static List<Step> readManifest(FileSystem fs, Path manifest) throws IOException {
        try (InputStream in = fs.open(manifest)) {
            return List.of(JSON.readValue(in, Step[].class));
        }
    }
}
