package dev.bundleanalyzer.cluster;

import dev.bundleanalyzer.batch.BundleNames;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The bundle archives at an input location: a folder (searched recursively), one archive, or a list file that
 * names archives and folders, one URI a line (relative ones against the list's folder; {@code #} starts a
 * comment). Names tell what a file is, so that the driver reads no bundle: archives by their type's name, files
 * still being copied by the name copy tools give them. Every other file is listed as left alone, with why.
 */
final class BundleListing {

    /** The archives to analyze, and what was left alone with why. */
    record Listed(List<SourceFile> bundles, List<Left> left) {
    }

    /** A file not analyzed this run, and the reason. */
    record Left(String uri, String reason) {
    }

    private final Configuration conf;
    private final String exclude;

    /** @param exclude the output location, not looked into when it lies under the input */
    BundleListing(Configuration conf, String exclude) throws IOException {
        this.conf = conf;
        Path out = new Path(exclude);
        this.exclude = out.getFileSystem(conf).makeQualified(out).toString();
    }

    Listed list(String input) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("the input " + input + " does not exist");
        }
        Map<String, SourceFile> bundles = new LinkedHashMap<>();
        List<Left> left = new ArrayList<>();
        if (status.isDirectory()) {
            walk(fs, fs.makeQualified(status.getPath()), bundles, left);
        } else if (BundleNames.isArchiveName(status.getPath().getName())) {
            take(status, bundles, left);
        } else {
            readList(fs, status.getPath(), bundles, left);
        }
        List<SourceFile> sorted = new ArrayList<>(bundles.values());
        sorted.sort(Comparator.comparing(SourceFile::uri));
        left.sort(Comparator.comparing(Left::uri));
        return new Listed(sorted, left);
    }

    private void readList(FileSystem fs, Path list, Map<String, SourceFile> bundles, List<Left> left)
            throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                Path named = new Path(entry);
                if (!named.isAbsolute() && named.toUri().getScheme() == null) {
                    named = new Path(list.getParent(), entry);
                }
                try {
                    FileSystem entryFs = named.getFileSystem(conf);
                    FileStatus status = entryFs.getFileStatus(named);
                    if (status.isDirectory()) {
                        walk(entryFs, entryFs.makeQualified(status.getPath()), bundles, left);
                    } else {
                        take(status, bundles, left);
                    }
                } catch (FileNotFoundException e) {
                    left.add(new Left(named.toString(), "named on line " + number + " of " + list
                            + " but does not exist"));
                } catch (IOException e) {
                    left.add(new Left(named.toString(), "named on line " + number + " of " + list
                            + " but cannot be read: " + e.getMessage()));
                }
            }
        }
    }

    private void walk(FileSystem fs, Path dir, Map<String, SourceFile> bundles, List<Left> left) throws IOException {
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
        while (files.hasNext()) {
            LocatedFileStatus file = files.next();
            String uri = file.getPath().toString();
            if (uri.startsWith(exclude + "/") || !HadoopFiles.isDataFile(dir, file.getPath())) {
                continue; // the output, and what Hadoop's tools hide (_SUCCESS, .crc, _temporary)
            }
            take(file, bundles, left);
        }
    }

    private static void take(FileStatus file, Map<String, SourceFile> bundles, List<Left> left) {
        String uri = file.getPath().toString();
        String name = file.getPath().getName();
        Optional<String> copying = BundleNames.inProgressSuffix(name);
        if (copying.isPresent()) {
            left.add(new Left(uri, "still being copied (" + copying.get() + " name): left for the next run"));
        } else if (BundleNames.isArchiveName(name)) {
            bundles.putIfAbsent(uri, new SourceFile(uri, file.getLen(), file.getModificationTime()));
        } else {
            left.add(new Left(uri, "not named like a bundle archive (.zip, .7z, .tar, .tgz, .tar.gz, .gz)"));
        }
    }
}
