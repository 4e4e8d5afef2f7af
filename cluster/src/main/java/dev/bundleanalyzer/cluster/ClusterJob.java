package dev.bundleanalyzer.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run over an input location, on the driver: lists the bundle archives, leaves those whose file (place, size,
 * time) is already in the bundles table unless forced, analyzes the others one task each, and adds their rows to
 * the tables in one committed step. Bundles that fail are rows too; the run fails only when it cannot run at all
 * (input missing, output not writable, another run on the same output).
 */
public final class ClusterJob {

    static final String LOCK = "_RUNNING";
    static final String RUNS = "runs";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** What became of one file of the input. */
    public record Line(String source, String status, String detail, String report) {
    }

    /** What a run did, file by file. */
    public record Summary(String runId, String input, String output, Instant started, Instant ended,
                          Map<String, Long> counts, List<Line> files, List<String> recovered) {

        public long count(String status) {
            return counts.getOrDefault(status, 0L);
        }
    }

    private final SparkSession spark;
    private final JobSettings settings;

    public ClusterJob(SparkSession spark, JobSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    public Summary run(String input) throws IOException {
        Instant started = Instant.now();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path lock = new Path(Tables.location(settings.output(), LOCK));
        FileSystem fs = lock.getFileSystem(conf);
        fs.mkdirs(lock.getParent());
        try (OutputStream out = fs.create(lock, false)) {
            out.write(("run " + runId + " on " + host() + " since " + started + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another run is writing to " + settings.output() + " (" + lock + " exists); if no"
                    + " run is, a run was killed: delete that file and start again", e);
        }
        try {
            return run(input, runId, started, conf);
        } finally {
            fs.delete(lock, false);
        }
    }

    private Summary run(String input, String runId, Instant started, Configuration conf) throws IOException {
        Publisher publisher = new Publisher(spark, settings.output());
        List<String> recovered = publisher.recover();
        HadoopReportStore reports = new HadoopReportStore(conf, settings.output());
        reports.removeUnfinished();
        BundleListing.Listed listed = new BundleListing(conf, settings.output()).list(input);

        Map<String, Row> knownFiles = new HashMap<>();
        Set<String> knownShas = new HashSet<>();
        for (Row r : Tables.read(spark, settings.output(), Tables.BUNDLES)
                .select("sha256", "source", "size", "modified", "status", "analyzed_at").collectAsList()) {
            if (r.getString(0) != null) { // null for a bundle whose task never completed
                knownShas.add(r.getString(0));
            }
            java.sql.Timestamp modified = r.getTimestamp(3);
            knownFiles.put(SourceFile.key(r.getString(1), r.getLong(2), modified == null ? 0 : modified.getTime()),
                    r);
        }
        List<Line> lines = new ArrayList<>();
        for (BundleListing.Left left : listed.left()) {
            lines.add(new Line(left.uri(), "left", left.reason(), null));
        }
        List<SourceFile> todo = new ArrayList<>();
        for (SourceFile f : listed.bundles()) {
            Row known = knownFiles.get(f.key());
            if (known != null && !settings.force()) {
                lines.add(new Line(f.uri(), "unchanged", known.getString(4) + " already on "
                        + known.getTimestamp(5).toInstant() + " (--force to do it again)", null));
            } else {
                todo.add(f);
            }
        }
        if (!todo.isEmpty()) {
            // the longest tasks first, so that the last to start are short ones
            todo.sort(Comparator.comparingLong(SourceFile::size).reversed().thenComparing(SourceFile::uri));
            lines.addAll(analyze(publisher, runId, todo, knownShas, reports));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of("analyzed", "failed", "retry-later", "unchanged", "duplicate", "left")) {
            counts.put(status, lines.stream().filter(l -> l.status().equals(status)).count());
        }
        lines.sort(Comparator.comparing(Line::source));
        Summary summary = new Summary(runId, input, settings.output(), started, Instant.now(), counts, lines,
                recovered);
        Path record = new Path(Tables.location(Tables.location(settings.output(), RUNS), runId + ".json"));
        try (OutputStream out = record.getFileSystem(conf).create(record, true)) {
            JSON.writeValue(out, summary);
        }
        return summary;
    }

    private List<Line> analyze(Publisher publisher, String runId, List<SourceFile> todo, Set<String> knownShas,
                               HadoopReportStore reports) throws IOException {
        List<BundleOutcome> outcomes = new ArrayList<>(new AnalysisStage(spark, settings)
                .run(todo, knownShas, publisher.staging(runId), runId));
        outcomes.sort(Comparator.comparing(BundleOutcome::source));

        List<Line> lines = new ArrayList<>();
        List<BundleOutcome> publish = new ArrayList<>();
        Map<String, BundleOutcome> bySha = new HashMap<>();
        Set<String> replaced = new HashSet<>();
        for (BundleOutcome o : outcomes) {
            switch (o.kind()) {
                case UNCHANGED -> lines.add(new Line(o.source(), "unchanged", "its content was analyzed already"
                        + " (found under another name or place)", null));
                case RETRY_LATER -> {
                    publish.add(o);
                    lines.add(new Line(o.source(), "retry-later", o.reason(), null));
                }
                default -> {
                    BundleOutcome first = bySha.putIfAbsent(o.sha256() != null ? o.sha256() : o.source(), o);
                    if (first != null) {
                        // the same content twice in one run: one row, one report folder
                        if (o.report() != null && !o.report().equals(first.report())) {
                            reports.remove(o.report());
                        }
                        lines.add(new Line(o.source(), "duplicate", "same content as " + first.source(),
                                first.report()));
                        continue;
                    }
                    publish.add(o);
                    if (knownShas.contains(o.sha256())) {
                        replaced.add(o.sha256());
                    }
                    boolean failed = o.kind() == BundleOutcome.Kind.FAILED;
                    lines.add(new Line(o.source(), failed ? "failed" : "analyzed", failed ? o.reason()
                            : o.findings().size() + " finding(s)" + (o.worst() == null ? "" : ", worst "
                            + o.worst()), o.report()));
                }
            }
        }
        publisher.publish(runId, publish, replaced);
        return lines;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "an unnamed host";
        }
    }
}
