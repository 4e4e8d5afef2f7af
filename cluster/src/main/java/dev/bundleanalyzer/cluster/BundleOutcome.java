package dev.bundleanalyzer.cluster;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What one task did with one bundle file: the row it hands to Spark's writer, which commits exactly one attempt
 * of each task, so that a retried or speculative task leaves one outcome, never two.
 *
 * @param kind       what became of it
 * @param sha256     its content's SHA-256, or null when it could not be read
 * @param reason     why it failed, or null
 * @param attempts   the task attempt that produced this outcome (1 = the first)
 * @param report     URI of its report folder, or null
 * @param analyzedAt when its analysis ended (or was given up)
 */
record BundleOutcome(Kind kind, String sha256, String bundle, String source, long size, Instant modified,
                     String reason, int attempts, String host, String agentVersion, String worst, String report,
                     Instant dataFrom, Instant dataTo, Instant analyzedAt, List<FindingRow> findings)
        implements Serializable {

    enum Kind {
        /** analyzed; its findings go to the tables */
        ANALYZED,
        /** the bundle itself cannot be analyzed (not an archive, damaged beyond reading, over a limit) */
        FAILED,
        /** it could not be read, or its report not written, in any attempt: recorded, and tried again next run */
        RETRY_LATER,
        /** its content was analyzed already (found under another name or place) */
        UNCHANGED
    }

    /** One finding as the findings table keeps it. */
    record FindingRow(String rule, String severity, String title, String titleKo, long count, Instant first,
                      Instant last)
            implements Serializable {
    }

    BundleOutcome {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    private static final StructType FINDING_SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("rule", DataTypes.StringType, false),
            DataTypes.createStructField("severity", DataTypes.StringType, false),
            DataTypes.createStructField("title", DataTypes.StringType, true),
            DataTypes.createStructField("title_ko", DataTypes.StringType, true),
            DataTypes.createStructField("count", DataTypes.LongType, false),
            DataTypes.createStructField("first", DataTypes.TimestampType, true),
            DataTypes.createStructField("last", DataTypes.TimestampType, true)});

    /** The schema of the outcomes a run's tasks write to its staging folder. */
    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("sha256", DataTypes.StringType, true),
            DataTypes.createStructField("bundle", DataTypes.StringType, false),
            DataTypes.createStructField("source", DataTypes.StringType, false),
            DataTypes.createStructField("size", DataTypes.LongType, false),
            DataTypes.createStructField("modified", DataTypes.TimestampType, true),
            DataTypes.createStructField("reason", DataTypes.StringType, true),
            DataTypes.createStructField("attempts", DataTypes.IntegerType, false),
            DataTypes.createStructField("host", DataTypes.StringType, true),
            DataTypes.createStructField("agent_version", DataTypes.StringType, true),
            DataTypes.createStructField("worst", DataTypes.StringType, true),
            DataTypes.createStructField("report", DataTypes.StringType, true),
            DataTypes.createStructField("data_from", DataTypes.TimestampType, true),
            DataTypes.createStructField("data_to", DataTypes.TimestampType, true),
            DataTypes.createStructField("analyzed_at", DataTypes.TimestampType, false),
            DataTypes.createStructField("findings", DataTypes.createArrayType(FINDING_SCHEMA, false), false)});

    Row toRow() {
        List<Row> rows = new ArrayList<>();
        for (FindingRow f : findings) {
            rows.add(RowFactory.create(f.rule(), f.severity(), f.title(), f.titleKo(), f.count(), ts(f.first()),
                    ts(f.last())));
        }
        return RowFactory.create(kind.name(), sha256, bundle, source, size, ts(modified), reason, attempts, host,
                agentVersion, worst, report, ts(dataFrom), ts(dataTo), ts(analyzedAt),
                scala.jdk.javaapi.CollectionConverters.asScala(rows).toSeq());
    }

    static BundleOutcome fromRow(Row r) {
        List<FindingRow> findings = new ArrayList<>();
        for (Row f : r.<Row>getList(r.fieldIndex("findings"))) {
            findings.add(new FindingRow(f.getString(0), f.getString(1), f.getString(2), f.getString(3),
                    f.getLong(4), instant(f.get(5)), instant(f.get(6))));
        }
        return new BundleOutcome(Kind.valueOf(r.getString(0)), r.getString(1), r.getString(2), r.getString(3),
                r.getLong(4), instant(r.get(5)), r.getString(6), r.getInt(7), r.getString(8), r.getString(9),
                r.getString(10), r.getString(11), instant(r.get(12)), instant(r.get(13)), instant(r.get(14)),
                findings);
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Instant i ? i : ((Timestamp) value).toInstant();
    }
}
