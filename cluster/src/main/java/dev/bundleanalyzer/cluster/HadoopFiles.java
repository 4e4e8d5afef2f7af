package dev.bundleanalyzer.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** The few file operations the application does on a Hadoop file system, with the errors it gives them. */
final class HadoopFiles {

    private HadoopFiles() {
    }

    static FileSystem fs(Configuration conf, String uri) throws IOException {
        return new Path(uri).getFileSystem(conf);
    }

    /**
     * Copies a file to the local disk and returns its SHA-256, computed on the way: the bundle is read once,
     * for its identity and its analysis.
     */
    static String copyToLocal(Configuration conf, String uri, java.nio.file.Path local) throws IOException {
        Path path = new Path(uri);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        try (InputStream in = new DigestInputStream(path.getFileSystem(conf).open(path, 1 << 20), digest);
             OutputStream out = Files.newOutputStream(local)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Copies a folder to the local disk and returns its identity as {@code batch} computes it for an extracted
     * bundle (its files' relative paths and contents, in sorted order).
     */
    static String copyFolderToLocal(Configuration conf, String uri, java.nio.file.Path local) throws IOException {
        Path path = new Path(uri);
        path.getFileSystem(conf).copyToLocalFile(false, path, new Path(local.toUri()), true);
        return dev.bundleanalyzer.analysis.BundleFingerprint.of(local).sha256();
    }

    /** True when the folder holds a data file (not one whose name starts with {@code _} or {@code .}). */
    static boolean hasDataFiles(Configuration conf, String dir) {
        try {
            FileSystem fs = new Path(dir).getFileSystem(conf);
            Path path = fs.makeQualified(new Path(dir));
            if (!fs.exists(path)) {
                return false;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
            while (files.hasNext()) {
                if (isDataFile(path, files.next().getPath())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            // unreadable: let the reader say why, naming the folder
            return true;
        }
    }

    /**
     * True unless some part of the path below {@code root} is hidden by Hadoop's convention; {@code root} as the
     * file system qualifies it (the listing's paths are qualified).
     */
    static boolean isDataFile(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root) && p.getParent() != null; p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** Renames, saying which rename failed: some file systems answer false rather than throwing. */
    static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
