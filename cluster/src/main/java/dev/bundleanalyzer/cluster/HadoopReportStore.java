package dev.bundleanalyzer.cluster;

import dev.bundleanalyzer.batch.ReportStore;
import dev.bundleanalyzer.batch.StoredBundle;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The report folders under {@code <output>/reports}, laid out as {@code batch --out} lays out its store (one
 * folder per bundle content with its {@code batch.json}), so that {@code search} and {@code serve --data} read a
 * copy of it. A folder is uploaded aside under a name starting with a dot and renamed into place only when
 * complete: where renaming a folder is atomic (HDFS, ADLS Gen2 with a hierarchical namespace, a local disk), a
 * folder without the dot is always whole.
 */
final class HadoopReportStore {

    static final String FOLDER = "reports";
    private static final String WORK_PREFIX = ".work-";

    private final FileSystem fs;
    private final Path dir;

    HadoopReportStore(Configuration conf, String output) throws IOException {
        this.dir = new Path(Tables.location(output, FOLDER));
        this.fs = dir.getFileSystem(conf);
    }

    /** Removes the uploads that a killed task or run left aside; done by the driver before any task starts. */
    void removeUnfinished() throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus child : fs.listStatus(dir)) {
            if (child.getPath().getName().startsWith(WORK_PREFIX)) {
                fs.delete(child.getPath(), true);
            }
        }
    }

    /**
     * Writes the record into the local report folder, uploads it and renames it into place as {@code name},
     * replacing a folder of that name (an earlier attempt of this task, or a forced run); returns its URI.
     */
    String commit(java.nio.file.Path localFolder, String name, StoredBundle record) throws IOException {
        ReportStore.writeRecord(localFolder, record);
        fs.mkdirs(dir);
        Path work = new Path(dir, WORK_PREFIX + UUID.randomUUID());
        fs.copyFromLocalFile(false, true, new Path(localFolder.toUri()), work);
        Path target = new Path(dir, name);
        Path retired = null;
        if (fs.exists(target)) {
            retired = new Path(dir, WORK_PREFIX + "old-" + UUID.randomUUID());
            HadoopFiles.rename(fs, target, retired);
        }
        HadoopFiles.rename(fs, work, target);
        Path nested = new Path(target, work.getName());
        if (fs.exists(nested)) {
            // another attempt of this task (speculation) put its folder in place in between, and a rename onto
            // a folder moves into it: that attempt's folder is as good as this one
            fs.delete(nested, true);
        }
        if (retired != null) {
            fs.delete(retired, true);
        }
        return fs.makeQualified(target).toString();
    }

    /** Removes a report folder (of a bundle whose content another file of the same run also has). */
    void remove(String uri) throws IOException {
        Path folder = new Path(uri);
        if (fs.exists(folder)) {
            fs.delete(folder, true);
        }
    }
}
