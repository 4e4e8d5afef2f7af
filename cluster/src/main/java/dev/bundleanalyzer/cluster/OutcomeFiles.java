package dev.bundleanalyzer.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The outcomes of a run's tasks, one JSON file per bundle in the run's staging folder, named by the SHA-256 of the
 * bundle's URI: an attempt writes aside and renames into place, so a retried or speculative attempt replaces the
 * file of an earlier one and a bundle has one outcome whatever Spark did. They outlive an aborted Spark job, so
 * the bundles whose tasks completed are not analyzed again.
 */
final class OutcomeFiles implements java.io.Serializable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String dir;

    OutcomeFiles(String dir) {
        this.dir = dir;
    }

    /** Writes (or replaces) the outcome of one bundle. */
    void write(Configuration conf, BundleOutcome outcome) throws IOException {
        Path folder = new Path(dir);
        FileSystem fs = folder.getFileSystem(conf);
        Path target = new Path(folder, name(outcome.source()));
        Path aside = new Path(folder, "." + target.getName() + "." + UUID.randomUUID());
        try (OutputStream out = fs.create(aside, true)) {
            out.write(JSON.writeValueAsBytes(outcome));
        }
        if (fs.exists(target)) {
            fs.delete(target, false); // some file systems do not rename onto a file
        }
        HadoopFiles.rename(fs, aside, target);
    }

    /** Every outcome written so far, read by Spark's tasks (many small files from cloud storage). */
    List<BundleOutcome> readAll(JavaSparkContext jsc) throws IOException {
        Path folder = new Path(dir);
        if (!folder.getFileSystem(jsc.hadoopConfiguration()).exists(folder)) {
            return List.of();
        }
        List<BundleOutcome> all = new ArrayList<>();
        // names starting with a dot (attempts still writing) are hidden from Hadoop's input formats
        for (String text : jsc.wholeTextFiles(dir).values().collect()) {
            all.add(JSON.readValue(text, BundleOutcome.class));
        }
        return all;
    }

    /** The file name of a bundle's outcome: the same for every attempt at it. */
    static String name(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
