package dev.bundleanalyzer.cluster;

import dev.bundleanalyzer.batch.BundleNames;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The bundles at an input location: a folder (searched recursively), one archive, or a list file that names
 * archives and folders, one URI a line (relative ones against the list's folder; {@code #} starts a comment).
 * Names tell what a file is, so that the driver reads no bundle: archives by their type's name, files still being
 * copied by the name copy tools give them, extracted bundles by the logs in them. Every other file is listed as
 * left alone, with why.
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
            walk(fs, fs.makeQualified(status.getPath()), false, bundles, left);
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
                        walk(entryFs, entryFs.makeQualified(status.getPath()), true, bundles, left);
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

    /**
     * Every bundle under {@code dir}: archives, and folders that hold an extracted bundle (an agent trace log or
     * an event log within {@link BundleNames#FOLDER_BUNDLE_DEPTH} levels; the outermost such folder is the bundle,
     * and nothing inside it is a bundle of its own), as {@code batch} finds them. {@code dir} itself is such a
     * folder only when a list file names it.
     */
    private void walk(FileSystem fs, Path dir, boolean dirMayBeBundle, Map<String, SourceFile> bundles,
                      List<Left> left) throws IOException {
        List<LocatedFileStatus> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> listing = fs.listFiles(dir, true);
        while (listing.hasNext()) {
            LocatedFileStatus file = listing.next();
            if (!file.getPath().toString().startsWith(exclude + "/") && HadoopFiles.isDataFile(dir, file.getPath())) {
                files.add(file); // not the output, nor what Hadoop's tools hide (_SUCCESS, .crc, _temporary)
            }
        }
        List<Path> folders = bundleFolders(dir, dirMayBeBundle, files);
        Set<Path> isFolder = new HashSet<>(folders);
        Map<Path, long[]> sizeAndTime = new HashMap<>();
        for (LocatedFileStatus file : files) {
            Path folder = null;
            for (Path p = file.getPath().getParent(); p != null && folder == null; p = p.getParent()) {
                folder = isFolder.contains(p) ? p : null;
                if (p.equals(dir)) {
                    break;
                }
            }
            if (folder == null) {
                take(file, bundles, left);
            } else {
                long[] st = sizeAndTime.computeIfAbsent(folder, f -> new long[2]);
                st[0] += file.getLen();
                st[1] = Math.max(st[1], file.getModificationTime());
            }
        }
        for (Path folder : folders) {
            long[] st = sizeAndTime.get(folder);
            bundles.putIfAbsent(folder.toString(), new SourceFile(folder.toString(), st[0], st[1], true));
        }
    }

    private static List<Path> bundleFolders(Path dir, boolean dirMayBeBundle, List<LocatedFileStatus> files) {
        List<Path> candidates = new ArrayList<>();
        for (LocatedFileStatus file : files) {
            if (!BundleNames.isBundleLog(file.getPath().getName())) {
                continue;
            }
            Path folder = file.getPath().getParent();
            for (int depth = 1; depth <= BundleNames.FOLDER_BUNDLE_DEPTH && folder != null; depth++) {
                if (folder.equals(dir) ? dirMayBeBundle : isUnder(folder, dir)) {
                    candidates.add(folder);
                }
                if (folder.equals(dir)) {
                    break;
                }
                folder = folder.getParent();
            }
        }
        candidates.sort(Comparator.comparingInt(f -> f.toString().length()));
        List<Path> outermost = new ArrayList<>();
        for (Path c : candidates) {
            if (outermost.stream().noneMatch(o -> o.equals(c) || isUnder(c, o))) {
                outermost.add(c);
            }
        }
        return outermost;
    }

    private static boolean isUnder(Path path, Path folder) {
        return path.toString().startsWith(folder.toString() + "/");
    }

    private static void take(FileStatus file, Map<String, SourceFile> bundles, List<Left> left) {
        String uri = file.getPath().toString();
        String name = file.getPath().getName();
        Optional<String> copying = BundleNames.inProgressSuffix(name);
        if (copying.isPresent()) {
            left.add(new Left(uri, "still being copied (" + copying.get() + " name): left for the next run"));
        } else if (BundleNames.isArchiveName(name)) {
            bundles.putIfAbsent(uri, new SourceFile(uri, file.getLen(), file.getModificationTime(), false));
        } else {
            left.add(new Left(uri, "not named like a bundle archive (.zip, .7z, .tar, .tgz, .tar.gz, .gz)"));
        }
    }
}
