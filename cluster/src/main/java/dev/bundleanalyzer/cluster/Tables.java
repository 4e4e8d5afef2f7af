package dev.bundleanalyzer.cluster;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables a run writes under its output location, in Parquet, each partitioned by {@code analysis_date}
 * (UTC): {@code bundles} (one row per bundle content analyzed, whether it failed or not), {@code findings} (one
 * row per finding of a bundle) and {@code failures} (one row per bundle that could not be analyzed, with why).
 */
public final class Tables {

    public static final String BUNDLES = "bundles";
    public static final String FINDINGS = "findings";
    public static final String FAILURES = "failures";
    public static final List<String> ALL = List.of(BUNDLES, FINDINGS, FAILURES);
    public static final String PARTITION = "analysis_date";

    static final StructType BUNDLES_SCHEMA = new StructType(new StructField[] {
            field("sha256", DataTypes.StringType, true),
            field("bundle", DataTypes.StringType, false),
            field("source", DataTypes.StringType, false),
            field("size", DataTypes.LongType, false),
            field("modified", DataTypes.TimestampType, true),
            field("status", DataTypes.StringType, false),
            field("reason", DataTypes.StringType, true),
            field("host", DataTypes.StringType, true),
            field("agent_version", DataTypes.StringType, true),
            field("worst", DataTypes.StringType, true),
            field("findings", DataTypes.IntegerType, false),
            field("report", DataTypes.StringType, true),
            field("data_from", DataTypes.TimestampType, true),
            field("data_to", DataTypes.TimestampType, true),
            field("analyzed_at", DataTypes.TimestampType, false),
            field(PARTITION, DataTypes.DateType, false)});

    static final StructType FINDINGS_SCHEMA = new StructType(new StructField[] {
            field("bundle", DataTypes.StringType, false),
            field("sha256", DataTypes.StringType, false),
            field("source", DataTypes.StringType, false),
            field("host", DataTypes.StringType, true),
            field("agent_version", DataTypes.StringType, true),
            field("rule", DataTypes.StringType, false),
            field("severity", DataTypes.StringType, false),
            field("title", DataTypes.StringType, true),
            field("title_ko", DataTypes.StringType, true),
            field("count", DataTypes.LongType, false),
            field("first_evidence", DataTypes.TimestampType, true),
            field("last_evidence", DataTypes.TimestampType, true),
            field("report", DataTypes.StringType, true),
            field("analyzed_at", DataTypes.TimestampType, false),
            field(PARTITION, DataTypes.DateType, false)});

    static final StructType FAILURES_SCHEMA = new StructType(new StructField[] {
            field("bundle", DataTypes.StringType, false),
            field("sha256", DataTypes.StringType, true),
            field("source", DataTypes.StringType, false),
            field("size", DataTypes.LongType, false),
            field("reason", DataTypes.StringType, false),
            field("attempts", DataTypes.IntegerType, false),
            field("analyzed_at", DataTypes.TimestampType, false),
            field(PARTITION, DataTypes.DateType, false)});

    private Tables() {
    }

    static StructType schema(String table) {
        return switch (table) {
            case BUNDLES -> BUNDLES_SCHEMA;
            case FINDINGS -> FINDINGS_SCHEMA;
            case FAILURES -> FAILURES_SCHEMA;
            default -> throw new IllegalArgumentException("no table " + table);
        };
    }

    /** The location of a table under the output location. */
    public static String location(String output, String table) {
        return (output.endsWith("/") ? output : output + "/") + table;
    }

    /**
     * One table as it is now, with its schema whatever it holds: a table no run has written a row to yet reads
     * as empty rather than failing for want of a file to infer a schema from.
     */
    public static Dataset<Row> read(SparkSession spark, String output, String table) {
        String dir = location(output, table);
        if (!HadoopFiles.hasDataFiles(spark.sparkContext().hadoopConfiguration(), dir)) {
            return spark.createDataFrame(List.of(), schema(table));
        }
        return spark.read().schema(schema(table)).parquet(dir);
    }

    /** Registers the three tables of an output location as temporary views named after them. */
    public static void registerViews(SparkSession spark, String output) {
        for (String table : ALL) {
            read(spark, output, table).createOrReplaceTempView(table);
        }
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
